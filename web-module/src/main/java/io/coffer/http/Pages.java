package io.coffer.http;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A list response as OCI's APIs answer one: the page's items, and {@code opc-next-page} when more remain. */
public final class Pages {

    private Pages() {}

    public static Response of(List<?> items, String nextPage) {
        Response.ResponseBuilder response = Response.ok(items);
        if (nextPage != null) {
            response.header("opc-next-page", nextPage);
        }
        return response.build();
    }
}
