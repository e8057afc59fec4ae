package io.coffer.replication.publish;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.Outage;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the publisher of every remote store: right after a transaction that wrote events commits on this instance,
 * and on a short fixed delay otherwise (events written through other instances, runs that failed). One run per
 * store at a time on this instance; across instances the store's publisher row takes turns. While a store or the
 * broker is down, tries back off (up to {@link #LONGEST_RETRY}) and the outage is logged when it starts and ends.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PublisherScheduler {

    private static final Logger LOG = Logger.getLogger(PublisherScheduler.class.getName());
    /** The longest wait between tries during an outage: what it may add to replication once the outage ends. */
    static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

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

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, StoreRuns> runs = new ConcurrentHashMap<>();
    private volatile PeriodicTask ticking;

    @PostConstruct
    void start() {
        long interval = settings.publisherIntervalMillis();
        ticking = PeriodicTask.start(executor, this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(ticking);
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
        StoreRuns state = runs.computeIfAbsent(
                store,
                ignored -> new StoreRuns(
                        new Outage(Duration.ofMillis(settings.publisherIntervalMillis()), LONGEST_RETRY)));
        if (!state.outage.mayTry(clock.instant())) {
            return;
        }
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
            state.outage
                    .succeeded(clock.instant())
                    .ifPresent(length -> LOG.info(() -> "replication publisher of store " + store
                            + " recovered after an outage of " + Outage.describe(length)));
        } catch (RuntimeException failure) {
            metrics.publishFailed(store);
            if (state.outage.failed(clock.instant())) {
                // Logged once per outage, not at every try; the metric counts every failed run.
                LOG.log(
                        Level.WARNING,
                        "replication publisher of store " + store + " failed; retrying with back-off up to "
                                + LONGEST_RETRY.toSeconds() + " s: " + rootMessage(failure));
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
        final Outage outage;

        StoreRuns(Outage outage) {
            this.outage = outage;
        }
    }
}
