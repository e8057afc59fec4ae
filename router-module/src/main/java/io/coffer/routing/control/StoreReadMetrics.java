package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * How data-plane reads are served: the time spent in the store per store and side (the store-access part of a
 * read's latency), and the hybrid accessor's fallbacks by reason.
 */
@ApplicationScoped
public class StoreReadMetrics {

    @Inject
    MetricRegistry registry;

    /** Looked up once per store and side: every read updates one, and a registry lookup builds its id anew. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    <T> T timed(StoreId store, String side, Supplier<T> read) {
        long started = System.nanoTime();
        try {
            return read.get();
        } finally {
            timers.computeIfAbsent(
                            store.name() + "/" + side,
                            name -> registry.timer(
                                    "coffer_store_read", new Tag("store", store.name()), new Tag("side", side)))
                    .update(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    void fellBack(StoreId store, String what, String reason) {
        registry.counter(
                        "coffer_store_fallbacks",
                        new Tag("store", store.name()),
                        new Tag("read", what),
                        new Tag("reason", reason))
                .inc();
    }
}
