package io.coffer.http;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every failure on the OCI APIs ({@link OciApplication}) as OCI's error body. */
public class OciErrorMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        return ErrorBodies.oci(Failures.of(failure, uri == null ? "" : uri.getPath()));
    }
}
