package io.coffer.throttling.boundary;

import io.coffer.identity.control.SignatureVerifier;
import io.coffer.throttling.control.Throttle;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses, before its signature is verified, a request whose keyId names a tenancy this host already knows to be over
 * its limit for the request's class (its bucket found empty, the next token not due yet): {@link ThrottlingFilter}
 * would refuse it after the verification anyway, and a tenancy sending ten times its limit must not make the others
 * pay for the signature checks of its refusals. Only ever a refusal, never an admission: a forged keyId gains nothing,
 * and the tenancy it names would be refused at this moment whoever asked.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 10)
public class KnownOverLimitFilter implements ContainerRequestFilter {

    @Inject
    Throttle throttle;

    @Override
    public void filter(ContainerRequestContext request) {
        ThrottlingFilter.operationOf(request)
                .ifPresent(operation -> SignatureVerifier.claimedTenancy(request.getHeaderString("authorization"))
                        .flatMap(tenancyId -> throttle.refusedEarly(tenancyId, operation))
                        .ifPresent(refused -> ThrottlingFilter.refuseIfOver(request, operation, refused)));
    }
}
