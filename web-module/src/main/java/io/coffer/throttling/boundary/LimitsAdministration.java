package io.coffer.throttling.boundary;

import io.coffer.throttling.control.LimitsFollower;
import io.coffer.throttling.control.LimitsRequest;
import io.coffer.throttling.control.LimitsSnapshot;
import io.coffer.throttling.control.Throttle;
import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;

/**
 * What the two limits resources do: read and change the stored limits, make this host follow a change at once (the
 * other hosts as soon as they see its signal in the data grid, within a second without the grid), and show the limits
 * as set beside those this host enforces.
 */
@ApplicationScoped
public class LimitsAdministration {

    @EJB
    LimitsService limits;

    @Inject
    LimitsFollower follower;

    @Inject
    Throttle throttle;

    public String service() {
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

    public String setService(String body) {
        limits.setService(LimitsRequest.service(body), "operator");
        follower.changed();
        return service();
    }

    public String tenancy(String tenancyId) {
        return tenancyView(tenancyId, limits.ofTenancy(tenancyId));
    }

    public String setTenancy(String tenancyId, String body) {
        Limits requested = LimitsRequest.tenancy(body);
        LimitSet stored = limits.setTenancy(tenancyId, requested, "operator");
        follower.changed();
        return tenancyView(tenancyId, Optional.of(stored));
    }

    private String tenancyView(String tenancyId, Optional<LimitSet> row) {
        JsonObjectBuilder json = LimitsViews.limits(row.map(LimitSet::limits).orElse(Limits.UNSET));
        json.add("tenancyId", tenancyId);
        json.add("effective", LimitsViews.limits(throttle.limits().tenancy(tenancyId)));
        return LimitsViews.changed(json, row).build().toString();
    }
}
