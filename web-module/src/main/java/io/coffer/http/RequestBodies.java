package io.coffer.http;

import io.coffer.platform.failure.PayloadTooLargeException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads every request body once, at most {@value #MAX_BODY} bytes (a secret is at most 25 KB, as base64 a third more,
 * with room for its metadata and tags); a larger one is refused with 413 before anything else reads it. The bytes are
 * kept for the signature check (its hash) and handed back to JAX-RS unchanged.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class RequestBodies implements ContainerRequestFilter {

    public static final int MAX_BODY = 256 * 1024;
    static final String PROPERTY = "coffer.body";

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        byte[] body = new byte[0];
        if (request.hasEntity()) {
            try (InputStream in = request.getEntityStream()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new PayloadTooLargeException("the request body is larger than " + MAX_BODY + " bytes");
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        request.setProperty(PROPERTY, body);
    }

    /** The body of the request as it arrived (empty when it has none). */
    public static byte[] of(ContainerRequestContext request) {
        Object body = request.getProperty(PROPERTY);
        return body instanceof byte[] bytes ? bytes : new byte[0];
    }
}
