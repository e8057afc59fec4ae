package io.coffer.http;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every failure on the admin API ({@link AdminApplication}) as {@code application/problem+json}. */
public class AdminErrorMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        return ErrorBodies.problem(Failures.of(failure, uri == null ? "" : "admin/" + uri.getPath()));
    }
}
