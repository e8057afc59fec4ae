package io.coffer.identity.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.http.ErrorBodies;
import io.coffer.identity.control.RequestAuthenticator;
import io.coffer.identity.control.SignedRequest;
import io.coffer.identity.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Authenticates every request to the application, OCI APIs and admin API alike, by its OCI HTTP signature; the
 * admin API also needs the OPERATOR role. The body is read here (at most {@value #MAX_BODY} bytes) to check its hash,
 * then handed back to JAX-RS unchanged.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class SignatureAuthenticationFilter implements ContainerRequestFilter {

    static final int MAX_BODY = 256 * 1024;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String path = request.getUriInfo().getPath();
        if (isConsoleFile(request.getMethod(), path)) {
            // The console's own static files hold no data; every call the page makes is signed.
            return;
        }
        byte[] body = body(request, path);
        Caller caller = authenticator.authenticate(SignedRequest.of(request.getMethod(), servletRequest.getRequestURI(),
                servletRequest.getQueryString(), request.getHeaders(), body));
        if (ErrorBodies.isAdmin(path) && !caller.isOperator()) {
            throw CofferException.notFound("the admin resource " + path);
        }
        callerContext.authenticated(caller);
    }

    static boolean isConsoleFile(String method, String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return "GET".equals(method) && (trimmed.equals("console") || trimmed.equals("console/")
                || trimmed.matches("console/[a-z]+\\.(html|js|css)"));
    }

    private static byte[] body(ContainerRequestContext request, String path) throws IOException {
        if (!request.hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new CofferException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + MAX_BODY + " bytes");
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        }
    }
}
