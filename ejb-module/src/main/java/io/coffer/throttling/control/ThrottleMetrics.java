package io.coffer.throttling.control;

import io.coffer.throttling.entity.OperationClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code coffer_requests_admitted_total{tenancy,class}} and {@code coffer_requests_throttled_total{tenancy,class}}
 * (refused by the tenancy's limit or by the service-wide one), {@code coffer_requests_throttled_service_total{class}}
 * (the part refused by the service-wide limit), and {@code coffer_throttle_grid_failures_total} (the grid did not
 * answer in time: this host throttled by itself). Counters are looked up once per tenancy and class.
 */
@ApplicationScoped
public class ThrottleMetrics {

    @Inject
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter[]> admitted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter[]> throttled = new ConcurrentHashMap<>();

    void admitted(String tenancyId, OperationClass operation) {
        counters(admitted, "coffer_requests_admitted", tenancyId)[operation.ordinal()].inc();
    }

    void throttled(String tenancyId, OperationClass operation, boolean byServiceLimit) {
        counters(throttled, "coffer_requests_throttled", tenancyId)[operation.ordinal()].inc();
        if (byServiceLimit) {
            registry.counter("coffer_requests_throttled_service", new Tag("class", operation.label()))
                    .inc();
        }
    }

    /** This host's counts per tenancy and class since it started. */
    List<TrafficCounts.Row> rows() {
        List<TrafficCounts.Row> rows = new ArrayList<>();
        Set<String> tenancies = new HashSet<>(admitted.keySet());
        tenancies.addAll(throttled.keySet());
        for (String tenancy : tenancies) {
            Counter[] admittedCounters = admitted.get(tenancy);
            Counter[] throttledCounters = throttled.get(tenancy);
            for (OperationClass operation : OperationClass.values()) {
                rows.add(new TrafficCounts.Row(
                        tenancy,
                        operation.label(),
                        admittedCounters == null ? 0 : admittedCounters[operation.ordinal()].getCount(),
                        throttledCounters == null ? 0 : throttledCounters[operation.ordinal()].getCount()));
            }
        }
        return rows;
    }

    void gridFailed() {
        registry.counter("coffer_throttle_grid_failures").inc();
    }

    private Counter[] counters(ConcurrentHashMap<String, Counter[]> known, String name, String tenancyId) {
        return known.computeIfAbsent(tenancyId, tenancy -> {
            OperationClass[] operations = OperationClass.values();
            Counter[] counters = new Counter[operations.length];
            for (OperationClass operation : operations) {
                counters[operation.ordinal()] =
                        registry.counter(name, new Tag("tenancy", tenancy), new Tag("class", operation.label()));
            }
            return counters;
        });
    }
}
