package io.coffer.throttling.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /admin/v1/limits}: whether throttling is enforced, the defaults of every tenancy and the service-wide limits,
 * as set (null: Coffer's built-in value) and as this host enforces them ({@code effective}), and whether this host
 * throttles by itself right now because the data grid failed it ({@code hostThrottlesAlone}).
 */
@Path("v1/limits")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceLimitsResource {

    @Inject
    LimitsAdministration administration;

    @GET
    public String get() {
        return administration.service();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(String body) {
        return administration.setService(body);
    }
}
