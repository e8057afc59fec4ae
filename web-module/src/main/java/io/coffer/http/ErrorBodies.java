package io.coffer.http;

import io.coffer.platform.failure.ErrorCode;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds the error body a client gets: on the admin API an RFC 9457 problem document, everywhere else OCI's
 * {@code {"code": ..., "message": ...}}.
 */
public final class ErrorBodies {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private ErrorBodies() {
    }

    public static Response of(String path, ErrorCode code, String message) {
        return of(path, code.status(), code.code(), message);
    }

    public static Response of(String path, int status, String code, String message) {
        if (isAdmin(path)) {
            return Response.status(status)
                    .type(PROBLEM_JSON)
                    .entity(Json.createObjectBuilder()
                            .add("type", "about:blank")
                            .add("title", code)
                            .add("status", status)
                            .add("detail", message)
                            .add("code", code)
                            .build()
                            .toString())
                    .build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("code", code).add("message", message).build().toString())
                .build();
    }

    public static boolean isAdmin(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.startsWith("admin/") || trimmed.equals("admin");
    }
}
