package io.coffer.throttling.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /admin/v1/tenancies/{id}/limits}: what the operator set for one tenancy (null: the default), and the limits
 * this host enforces for it ({@code effective}). A change is followed by this host at once, by every other within
 * seconds.
 */
@Path("v1/tenancies/{tenancyId}/limits")
@Produces(MediaType.APPLICATION_JSON)
public class TenancyLimitsResource {

    @Inject
    LimitsAdministration administration;

    @GET
    public String get(@PathParam("tenancyId") String tenancyId) {
        return administration.tenancy(tenancyId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(@PathParam("tenancyId") String tenancyId, String body) {
        return administration.setTenancy(tenancyId, body);
    }
}
