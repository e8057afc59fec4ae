package io.coffer.replication.publish;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the publisher of every remote store: right after a transaction that wrote events commits on this instance,
 * and on a short fixed delay otherwise (events written through other instances, runs that failed). One run per
 * store at a time on this instance; across instances the store's publisher row takes turns.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PublisherScheduler {

    private static final Logger LOG = Logger.getLogger(PublisherScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    OutboxPublisher publisher;

    @Inject
    ShardRouter router;

    @Inject
    CofferSettings settings;

    @Inject
    ReplicationMetrics metrics;

    private final Map<StoreId, StoreRuns> runs = new ConcurrentHashMap<>();
    private volatile PeriodicTask ticking;

    @PostConstruct
    void start() {
        long interval = settings.publisherIntervalMillis();
        ticking = PeriodicTask.start(executor, this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.stop();
        }
    }

    /** Publish the store's pending events now (called after a commit that wrote some). */
    public void wake(StoreId store) {
        executor.execute(() -> drain(store));
    }

    private void tick() {
        for (StoreId store : router.remoteStores()) {
            drain(store);
        }
    }

    private void drain(StoreId store) {
        StoreRuns state = runs.computeIfAbsent(store, ignored -> new StoreRuns());
        if (!state.running.compareAndSet(false, true)) {
            state.again.set(true);
            return;
        }
        try {
            do {
                state.again.set(false);
                int batch = settings.publisherBatch();
                int published;
                do {
                    published = publisher.publishBatch(store, batch);
                    if (published > 0) {
                        metrics.published(store, published);
                    }
                } while (published == batch);
            } while (state.again.get());
            if (state.failing) {
                LOG.info(() -> "replication publisher of store " + store + " recovered");
                state.failing = false;
            }
        } catch (RuntimeException failure) {
            metrics.publishFailed(store);
            if (!state.failing) {
                // Logged once per outage, not at every tick; the metric counts every failed run.
                LOG.log(
                        Level.WARNING,
                        "replication publisher of store " + store + " failed; retrying every tick: "
                                + rootMessage(failure));
                state.failing = true;
            }
        } finally {
            state.running.set(false);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static final class StoreRuns {
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        volatile boolean failing;
    }
}
