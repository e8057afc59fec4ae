package io.coffer.throttling.boundary;

import io.coffer.throttling.control.LimitsFollower;
import io.coffer.throttling.control.LimitsRequest;
import io.coffer.throttling.control.Throttle;
import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /admin/v1/tenancies/{id}/limits}: what the operator set for one tenancy (null: the default), and the limits
 * this host enforces for it ({@code effective}). A change is followed by this host at once, by every other within
 * seconds.
 */
@Path("v1/tenancies/{tenancyId}/limits")
@Produces(MediaType.APPLICATION_JSON)
public class TenancyLimitsResource {

    @EJB
    LimitsService limits;

    @Inject
    LimitsFollower follower;

    @Inject
    Throttle throttle;

    @GET
    public String get(@PathParam("tenancyId") String tenancyId) {
        return view(tenancyId, limits.ofTenancy(tenancyId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(@PathParam("tenancyId") String tenancyId, String body) {
        Limits requested = LimitsRequest.tenancy(body);
        LimitSet stored = limits.setTenancy(tenancyId, requested, "operator");
        follower.refresh();
        return view(tenancyId, Optional.of(stored));
    }

    private String view(String tenancyId, Optional<LimitSet> row) {
        JsonObjectBuilder json = LimitsViews.limits(row.map(LimitSet::limits).orElse(Limits.UNSET));
        json.add("tenancyId", tenancyId);
        json.add("effective", LimitsViews.limits(throttle.limits().tenancy(tenancyId)));
        return LimitsViews.changed(json, row).build().toString();
    }
}
