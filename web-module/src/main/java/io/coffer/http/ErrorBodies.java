package io.coffer.http;

import io.coffer.http.Failures.Failure;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The two error bodies a client gets: OCI's on the OCI APIs, an RFC 9457 problem document on the admin API. */
public final class ErrorBodies {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    /**
     * Looked up once: {@code Json.createObjectBuilder} looks the provider up on every call, and a 429 to a tenancy far
     * over its limit is answered thousands of times a second.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ErrorBodies() {}

    /** OCI's {@code {"code": ..., "message": ...}}, as the SDK reads it into a {@code BmcException}. */
    public static Response oci(Failure failure) {
        return Response.status(failure.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.createObjectBuilder()
                        .add("code", failure.code())
                        .add("message", failure.message())
                        .build()
                        .toString())
                .build();
    }

    /** {@code application/problem+json}, with OCI's error code beside the standard members. */
    public static Response problem(Failure failure) {
        return Response.status(failure.status())
                .type(PROBLEM_JSON)
                .entity(JSON.createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", failure.code())
                        .add("status", failure.status())
                        .add("detail", failure.message())
                        .add("code", failure.code())
                        .build()
                        .toString())
                .build();
    }
}
