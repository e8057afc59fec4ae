package io.coffer.throttling.boundary;

import io.coffer.identity.entity.Tenancy;
import io.coffer.platform.failure.CofferException;
import io.coffer.routing.control.ShardRouter;
import io.coffer.throttling.control.LimitsRequest.ServiceLimits;
import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Optional;

/** The operator's limits, as stored in the base store: a tenancy's own, and the defaults and service-wide ones. */
@Stateless
public class LimitsService {

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    /** What the operator set for the tenancy (empty: nothing, every value is the default). */
    public Optional<LimitSet> ofTenancy(String tenancyId) {
        EntityManager base = router.base();
        requireTenancy(base, tenancyId);
        return Optional.ofNullable(base.find(LimitSet.class, LimitSet.tenancyScope(tenancyId)));
    }

    public LimitSet setTenancy(String tenancyId, Limits limits, String operator) {
        EntityManager base = router.base();
        requireTenancy(base, tenancyId);
        return stored(base, LimitSet.tenancyScope(tenancyId), limits, true, operator);
    }

    public Optional<LimitSet> defaults() {
        return Optional.ofNullable(router.base().find(LimitSet.class, LimitSet.DEFAULTS));
    }

    public Optional<LimitSet> service() {
        return Optional.ofNullable(router.base().find(LimitSet.class, LimitSet.SERVICE));
    }

    public void setService(ServiceLimits limits, String operator) {
        EntityManager base = router.base();
        stored(base, LimitSet.DEFAULTS, limits.tenancyDefaults(), true, operator);
        stored(base, LimitSet.SERVICE, limits.service(), limits.enforced(), operator);
    }

    private LimitSet stored(EntityManager base, String scope, Limits limits, boolean enforced, String operator) {
        LimitSet row = base.find(LimitSet.class, scope, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new LimitSet(scope, limits, enforced, operator, clock.instant());
            base.persist(row);
        } else {
            row.change(limits, enforced, operator, clock.instant());
        }
        base.flush();
        return row;
    }

    private static void requireTenancy(EntityManager base, String tenancyId) {
        if (tenancyId == null || base.find(Tenancy.class, tenancyId) == null) {
            throw CofferException.notFound("tenancy " + tenancyId);
        }
    }
}
