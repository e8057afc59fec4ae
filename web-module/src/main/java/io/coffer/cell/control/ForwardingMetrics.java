package io.coffer.cell.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Requests this host forwarded to another cell, timed, by cell and outcome: {@code answered} (the owning cell's answer,
 * whatever its status, went back to the client) or {@code unavailable} (no host of the cell answered: the client got
 * 503). What forwarding adds to a request is the difference between this timer and the owning cell's own latency.
 */
@ApplicationScoped
public class ForwardingMetrics {

    static final String ANSWERED = "answered";
    static final String UNAVAILABLE = "unavailable";

    @Inject
    MetricRegistry registry;

    /** Looked up once per cell and outcome, not on every request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    void forwarded(String cell, String outcome, Duration took) {
        timers.computeIfAbsent(
                        cell + "/" + outcome,
                        name -> registry.timer(
                                "coffer_cell_forwarded", new Tag("cell", cell), new Tag("outcome", outcome)))
                .update(took);
    }
}
