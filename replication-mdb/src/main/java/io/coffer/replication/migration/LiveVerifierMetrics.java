package io.coffer.replication.migration;

import io.coffer.routing.control.ReadSamples;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The live verifier's counts on this host: rows compared ({@code coffer_verifier_samples_total{store}}),
 * discrepancies found ({@code coffer_verifier_discrepancies_total{store}}), and samples dropped because the verifier
 * was behind ({@code coffer_verifier_samples_dropped}).
 */
@ApplicationScoped
public class LiveVerifierMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ReadSamples samples;

    private final Map<StoreId, AtomicLong> sampled = new ConcurrentHashMap<>();
    private final Map<StoreId, AtomicLong> discrepancies = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        registry.gauge("coffer_verifier_samples_dropped", samples, ReadSamples::dropped);
    }

    void compared(StoreId store) {
        sampled.computeIfAbsent(store, key -> new AtomicLong()).incrementAndGet();
        registry.counter("coffer_verifier_samples", tag(store)).inc();
    }

    void foundDiscrepancy(StoreId store) {
        discrepancies.computeIfAbsent(store, key -> new AtomicLong()).incrementAndGet();
        registry.counter("coffer_verifier_discrepancies", tag(store)).inc();
    }

    /** Rows of the store this host's verifier compared since it started. */
    public long sampled(StoreId store) {
        AtomicLong count = sampled.get(store);
        return count == null ? 0 : count.get();
    }

    /** Discrepancies of the store this host's verifier found since it started. */
    public long discrepancies(StoreId store) {
        AtomicLong count = discrepancies.get(store);
        return count == null ? 0 : count.get();
    }

    private static Tag tag(StoreId store) {
        return new Tag("store", store.name());
    }
}
