package io.coffer.throttling.boundary;

import io.coffer.throttling.control.LimitsFollower;
import io.coffer.throttling.control.LimitsRequest;
import io.coffer.throttling.control.LimitsSnapshot;
import io.coffer.throttling.control.Throttle;
import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /admin/v1/limits}: whether throttling is enforced, the defaults of every tenancy and the service-wide limits,
 * as set (null: Coffer's built-in value) and as this host enforces them ({@code effective}), and whether this host
 * throttles by itself right now because the data grid failed it ({@code hostThrottlesAlone}).
 */
@Path("v1/limits")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceLimitsResource {

    @EJB
    LimitsService limits;

    @Inject
    LimitsFollower follower;

    @Inject
    Throttle throttle;

    @GET
    public String get() {
        return view();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(String body) {
        limits.setService(LimitsRequest.service(body), "operator");
        follower.refresh();
        return view();
    }

    private String view() {
        Optional<LimitSet> service = limits.service();
        LimitsSnapshot enforced = throttle.limits();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("enabled", service.map(LimitSet::enforced).orElse(true))
                .add(
                        "tenancyDefaults",
                        LimitsViews.limits(
                                limits.defaults().map(LimitSet::limits).orElse(Limits.UNSET)))
                .add("service", LimitsViews.limits(service.map(LimitSet::limits).orElse(Limits.UNSET)))
                .add(
                        "effective",
                        Json.createObjectBuilder()
                                .add("enabled", enforced.enforced())
                                .add("tenancyDefaults", LimitsViews.limits(enforced.tenancyDefaults()))
                                .add("service", LimitsViews.limits(enforced.service())))
                .add("hostThrottlesAlone", throttle.hostLocal());
        return LimitsViews.changed(json, service).build().toString();
    }
}
