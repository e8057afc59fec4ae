package io.coffer.replication.monitor;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Replication's counters, tagged by store, as MicroProfile Metrics (exposed at /metrics). */
@ApplicationScoped
public class ReplicationMetrics {

    @Inject
    MetricRegistry registry;

    public void captured(StoreId store) {
        registry.counter("coffer_replication_events_captured", tag(store)).inc();
    }

    public void published(StoreId store, int count) {
        registry.counter("coffer_replication_events_published", tag(store)).inc(count);
    }

    public void publishFailed(StoreId store) {
        registry.counter("coffer_replication_publish_failures", tag(store)).inc();
    }

    public void applied(StoreId store) {
        registry.counter("coffer_replication_events_applied", tag(store)).inc();
    }

    /** How long after its capture an event reached this host's local store: the replication lag of each event. */
    public void applyDelay(StoreId store, Duration sinceCapture) {
        registry.timer("coffer_replication_apply_delay", tag(store))
                .update(sinceCapture.isNegative() ? Duration.ZERO : sinceCapture);
    }

    public void duplicate(StoreId store) {
        registry.counter("coffer_replication_events_redelivered", tag(store)).inc();
    }

    public void gapFilled(StoreId store, long count) {
        registry.counter("coffer_replication_events_caught_up", tag(store)).inc(count);
    }

    /** The host's replica of the store was rebuilt from the remote store (it was behind the pruned log). */
    public void rebuilt(StoreId store, long rows) {
        registry.counter("coffer_replication_replica_rebuilds", tag(store)).inc();
        registry.counter("coffer_replication_rows_rebuilt", tag(store)).inc(rows);
    }

    /** Log entries every live host had applied, pruned from the store's log. */
    public void pruned(StoreId store, long entries) {
        registry.counter("coffer_replication_log_pruned", tag(store)).inc(entries);
    }

    public void applyFailed(String store) {
        registry.counter("coffer_replication_apply_failures", new Tag("store", store))
                .inc();
    }

    private static Tag tag(StoreId store) {
        return new Tag("store", store.name());
    }
}
