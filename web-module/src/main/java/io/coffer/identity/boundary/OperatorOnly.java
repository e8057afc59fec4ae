package io.coffer.identity.boundary;

import io.coffer.platform.failure.CofferException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * The admin API is the operator's: any other authenticated caller is told there is nothing there (404), as for a
 * resource it may not see.
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class OperatorOnly implements ContainerRequestFilter {

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!callerContext.caller().isOperator()) {
            throw CofferException.notFound(
                    "the admin resource admin/" + request.getUriInfo().getPath());
        }
    }
}
