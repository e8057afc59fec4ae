package io.coffer.identity.boundary;

import io.coffer.http.RequestBodies;
import io.coffer.identity.control.RequestAuthenticator;
import io.coffer.identity.control.SignedRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.util.regex.Pattern;

/**
 * Authenticates every request to the application, OCI APIs and admin API alike, by its OCI HTTP signature over the
 * request as it arrived (its raw target, headers and body, read by {@link RequestBodies}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class SignatureAuthenticationFilter implements ContainerRequestFilter {

    /** Compiled once: every signed request is checked against it. */
    private static final Pattern CONSOLE_FILE = Pattern.compile("console/[a-z]+\\.(html|js|css)");

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestAuthenticator authenticator;

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isConsoleFile(request.getMethod(), request.getUriInfo().getPath())) {
            // The console's own static files hold no data; every call the page makes is signed.
            return;
        }
        callerContext.authenticated(authenticator.authenticate(SignedRequest.of(
                request.getMethod(),
                servletRequest.getRequestURI(),
                servletRequest.getQueryString(),
                request.getHeaders(),
                RequestBodies.of(request))));
    }

    static boolean isConsoleFile(String method, String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return "GET".equals(method)
                && (trimmed.equals("console")
                        || trimmed.equals("console/")
                        || CONSOLE_FILE.matcher(trimmed).matches());
    }
}
