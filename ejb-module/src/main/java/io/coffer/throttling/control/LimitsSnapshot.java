package io.coffer.throttling.control;

import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import io.coffer.throttling.entity.OperationClass;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Every limit in force at one moment, as read from the base store: whether throttling is enforced, the tenancy
 * defaults, the service-wide limits, and each tenancy's own. Immutable: a change makes a new snapshot.
 */
public record LimitsSnapshot(boolean enforced, Limits tenancyDefaults, Limits service, Map<String, Limits> tenancies) {

    /** Coffer's own defaults, for a value nobody set: far above what a well-behaved client sends. */
    public static final Limits BUILT_IN_TENANCY_DEFAULTS = new Limits(5_000L, 500L, 200L, 2L);
    /** The service-wide limits nobody set: what the stores behind a cell are sized for. */
    public static final Limits BUILT_IN_SERVICE = new Limits(50_000L, 5_000L, 2_000L, 2L);

    public static final LimitsSnapshot BUILT_IN =
            new LimitsSnapshot(true, BUILT_IN_TENANCY_DEFAULTS, BUILT_IN_SERVICE, Map.of());

    public LimitsSnapshot {
        tenancies = Map.copyOf(tenancies);
    }

    /** The snapshot of the rows the base store holds (only scopes the operator set have one). */
    public static LimitsSnapshot of(Collection<LimitSet> rows) {
        boolean enforced = true;
        Limits defaults = BUILT_IN_TENANCY_DEFAULTS;
        Limits service = BUILT_IN_SERVICE;
        Map<String, Limits> tenancies = new HashMap<>();
        for (LimitSet row : rows) {
            if (LimitSet.DEFAULTS.equals(row.scope())) {
                defaults = row.limits().orElse(BUILT_IN_TENANCY_DEFAULTS);
            } else if (LimitSet.SERVICE.equals(row.scope())) {
                service = row.limits().orElse(BUILT_IN_SERVICE);
                enforced = row.enforced();
            } else if (row.tenancyId() != null) {
                tenancies.put(row.tenancyId(), row.limits());
            }
        }
        return new LimitsSnapshot(enforced, defaults, service, tenancies);
    }

    /** A tenancy's limits with its unset values from the defaults. */
    public Limits tenancy(String tenancyId) {
        return tenancies.getOrDefault(tenancyId, Limits.UNSET).orElse(tenancyDefaults);
    }

    public Rate tenancyRate(String tenancyId, OperationClass operation) {
        Limits limits = tenancy(tenancyId);
        return new Rate(limits.perSecond(operation), limits.burstSeconds());
    }

    public Rate serviceRate(OperationClass operation) {
        return new Rate(service.perSecond(operation), service.burstSeconds());
    }
}
