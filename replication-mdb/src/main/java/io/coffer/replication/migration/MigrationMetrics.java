package io.coffer.replication.migration;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The migration's progress as gauges per store, on the host that runs the work ({@code
 * coffer_migration_backfill_processed}, {@code _total}, {@code _rate_per_second}; {@code coffer_migration_sweep_checked},
 * {@code _discrepancies}, {@code _repaired}).
 */
@ApplicationScoped
public class MigrationMetrics {

    @Inject
    MetricRegistry registry;

    private final Map<StoreId, WorkRow> backfills = new ConcurrentHashMap<>();
    private final Map<StoreId, WorkRow> sweeps = new ConcurrentHashMap<>();

    void backfill(StoreId store, WorkRow row) {
        if (backfills.put(store, row) == null) {
            gauge("coffer_migration_backfill_processed", backfills, store, WorkRow::processed);
            gauge("coffer_migration_backfill_total", backfills, store, WorkRow::total);
            gauge("coffer_migration_backfill_rate_per_second", backfills, store, WorkRow::rate);
        }
    }

    void sweep(StoreId store, WorkRow row) {
        if (sweeps.put(store, row) == null) {
            gauge("coffer_migration_sweep_checked", sweeps, store, WorkRow::processed);
            gauge("coffer_migration_sweep_discrepancies", sweeps, store, WorkRow::discrepancies);
            gauge("coffer_migration_sweep_repaired", sweeps, store, WorkRow::repaired);
        }
    }

    private void gauge(String name, Map<StoreId, WorkRow> rows, StoreId store, ToDoubleFunction<WorkRow> value) {
        registry.gauge(
                name,
                rows,
                current -> {
                    WorkRow row = current.get(store);
                    return row == null ? 0.0 : value.applyAsDouble(row);
                },
                new Tag("store", store.name()));
    }
}
