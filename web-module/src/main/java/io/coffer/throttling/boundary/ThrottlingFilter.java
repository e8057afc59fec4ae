package io.coffer.throttling.boundary;

import io.coffer.http.ErrorBodies;
import io.coffer.http.Failures;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.platform.failure.TooManyRequestsException;
import io.coffer.throttling.control.RequestClassifier;
import io.coffer.throttling.control.RequestThrottle.Decision;
import io.coffer.throttling.control.Throttle;
import io.coffer.throttling.entity.OperationClass;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Throttles every authenticated request of the OCI APIs by its tenancy and operation class, right after its signature
 * is verified (an unverified keyId must not spend another tenancy's tokens) and before any work is done: over the
 * limit, it is answered 429 TooManyRequests with {@code Retry-After} in seconds, which the OCI SDKs' retriers honour.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
public class ThrottlingFilter implements ContainerRequestFilter {

    static final String RETRY_AFTER = "Retry-After";

    @Inject
    Throttle throttle;

    @Inject
    CallerContext caller;

    @Override
    public void filter(ContainerRequestContext request) {
        operationOf(request)
                .ifPresent(
                        operation -> refuseIfOver(request, operation, throttle.admit(caller.tenancyId(), operation)));
    }

    /** The class of operation a request counts against; empty for requests that are never throttled. */
    static Optional<OperationClass> operationOf(ContainerRequestContext request) {
        return RequestClassifier.classify(
                request.getMethod(), request.getUriInfo().getPath());
    }

    static void refuseIfOver(ContainerRequestContext request, OperationClass operation, Decision decision) {
        if (!decision.admitted()) {
            request.abortWith(tooManyRequests(request.getUriInfo().getPath(), operation, decision));
        }
    }

    static Response tooManyRequests(String path, OperationClass operation, Decision decision) {
        String message = decision.byServiceLimit()
                ? "the service is receiving more " + operation.label() + " requests than it accepts; retry after "
                        + decision.retryAfterSeconds() + " s"
                : "your tenancy is sending more " + operation.label() + " requests than its limit; retry after "
                        + decision.retryAfterSeconds() + " s";
        TooManyRequestsException refused = new TooManyRequestsException(message, decision.retryAfterSeconds());
        return Response.fromResponse(ErrorBodies.oci(Failures.of(refused, path)))
                .header(RETRY_AFTER, refused.retryAfterSeconds())
                .build();
    }
}
