package io.coffer.cell.boundary;

import io.coffer.cell.control.CellForwarder;
import io.coffer.cell.control.CellForwarding;
import io.coffer.cell.control.ForwardedRequest;
import io.coffer.cell.control.ForwardedResponse;
import io.coffer.cell.control.OwningResources;
import io.coffer.http.RequestBodies;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Sends a request for a resource of another cell to that cell, before anything else looks at it: the owning host
 * verifies the caller's signature, throttles and answers, and its answer goes back to the client as it is. A request
 * that came in from another cell (on the cell-internal listener, mutual TLS) is served here, with the {@code Host} the
 * client sent put back for the signature check.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 20)
public class CellForwardingFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    CellForwarding forwarding;

    @Override
    public void filter(ContainerRequestContext request) {
        if (forwarding.cameFromAnotherCell(servletRequest.getLocalPort())) {
            String clientsHost = request.getHeaderString(CellForwarder.FORWARDED_HOST);
            if (clientsHost != null) {
                request.getHeaders().putSingle("host", clientsHost);
                ForwardedRequests.remember(servletRequest, clientsHost);
            }
            return;
        }
        if (!forwarding.hasOtherCells()) {
            return;
        }
        byte[] body = RequestBodies.of(request);
        Optional<String> cell = OwningResources.of(
                        request.getMethod(), request.getUriInfo().getPath(), servletRequest.getQueryString(), body)
                .flatMap(forwarding::otherCellServing);
        if (cell.isEmpty()) {
            return;
        }
        String query = servletRequest.getQueryString();
        ForwardedResponse answer = forwarding.forward(
                cell.get(),
                new ForwardedRequest(
                        request.getMethod(),
                        servletRequest.getRequestURI() + (query == null ? "" : "?" + query),
                        request.getHeaders(),
                        body));
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach((name, values) -> {
            if (!"content-length".equalsIgnoreCase(name)) {
                // the container counts the body it writes itself
                values.forEach(value -> response.header(name, value));
            }
        });
        request.abortWith(response.entity(answer.body().length == 0 ? null : answer.body())
                .build());
    }
}
