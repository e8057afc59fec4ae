package io.coffer.replication.publish;

import io.coffer.platform.failpoint.Failpoints;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.Outage;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.publish.OutboxLog.Logged;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the publisher of every remote store this host serves (see {@link ShardRouter#servedStores}): right after a
 * transaction that wrote events commits on this instance, and on a short fixed delay otherwise (events written through
 * other instances, runs that failed). One run per store at a time on this instance; across instances the store's publisher row takes turns. A run logs pending events
 * (step 1), then sends them (steps 2 and 3, see {@link OutboxPublisher}); after its own batches it resends what the
 * log holds unsent for too long. While the store is down, runs back off (up to {@link #LONGEST_RETRY}); while the
 * broker is down, runs still log and only the sends back off. Each outage is logged when it starts and ends.
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

    @Resource
    ManagedThreadFactory threadFactory;

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
    /**
     * Where runs go: threads of their own, one per served store and one more. Payara's default scheduled executor runs
     * every periodic task of the host on one thread; a run there waited behind catch-up, reports and housekeeping, and
     * a store that hung (its server frozen) held all of them up, the other stores' publishing included.
     */
    private volatile ExecutorService publishing;

    @PostConstruct
    void start() {
        int threads = router.servedStores().size() + 1;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threadFactory);
        // made now, in this bean's context, rather than later by whichever thread first wakes the publisher
        pool.prestartAllCoreThreads();
        publishing = pool;
        long interval = settings.publisherIntervalMillis();
        ticking = PeriodicTask.start(executor, this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(ticking);
        publishing.shutdownNow();
    }

    /** Publish the store's pending events now (called after a commit that wrote some, and by every tick). */
    public void wake(StoreId store) {
        try {
            publishing.execute(() -> drain(store));
        } catch (RejectedExecutionException stopping) {
            // the application is stopping; its events stay in the log for the next start or another host
        }
    }

    /**
     * Each store drains on a task of its own: a store that hangs holds one thread, and the other stores' events go on
     * (a store's runs never overlap, so a hung store holds no more than one). Only the stores of this host's cell:
     * another cell's shard is published by that cell, so that its outage stays there.
     */
    private void tick() {
        for (StoreId store : router.servedStores()) {
            wake(store);
        }
    }

    private void drain(StoreId store) {
        StoreRuns state = runs.computeIfAbsent(store, ignored -> new StoreRuns(outage(), outage()));
        if (!state.store.mayTry(clock.instant())) {
            return;
        }
        if (!state.running.compareAndSet(false, true)) {
            state.again.set(true);
            return;
        }
        try {
            int batch = settings.publisherBatch();
            do {
                state.again.set(false);
                Logged logged;
                do {
                    logged = publisher.logPending(store, batch);
                    if (logged.count() > 0) {
                        Failpoints.reach(Failpoints.PUBLISH_AFTER_LOG_COMMIT);
                    }
                    send(store, state, Optional.of(logged), batch);
                } while (logged.count() == batch);
            } while (state.again.get());
            // Entries of a run that died before its send record, or left unsent by a broker outage.
            while (send(store, state, Optional.empty(), batch) == batch) {
                // a full batch resent: there may be more
            }
            state.store
                    .succeeded(clock.instant())
                    .ifPresent(length -> LOG.info(() -> "replication publisher of store " + store
                            + " recovered after an outage of " + Outage.describe(length)));
        } catch (RuntimeException failure) {
            metrics.publishFailed(store);
            if (state.store.failed(clock.instant())) {
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

    /**
     * Sends what the log holds unsent, unless the broker is in an outage and its back-off has not passed: then the
     * events stay in the log (numbered, readable by every host's catch-up) and a later run sends them.
     *
     * @return how many entries were sent
     */
    private int send(StoreId store, StoreRuns state, Optional<Logged> logged, int batch) {
        if (!state.broker.mayTry(clock.instant())) {
            return 0;
        }
        try {
            int sent = publisher.send(store, logged, batch);
            if (sent > 0) {
                metrics.published(store, sent);
            }
            state.broker
                    .succeeded(clock.instant())
                    .ifPresent(length -> LOG.info(() -> "replication publisher of store " + store
                            + " reaches the broker again after an outage of " + Outage.describe(length)));
            return sent;
        } catch (SendFailed failure) {
            metrics.publishFailed(store);
            if (state.broker.failed(clock.instant())) {
                LOG.log(
                        Level.WARNING,
                        "replication publisher of store " + store + " cannot send to the broker; events stay in"
                                + " the store's log (hosts catch up from it) and are sent when it answers again,"
                                + " retrying with back-off up to " + LONGEST_RETRY.toSeconds() + " s: "
                                + rootMessage(failure));
            }
            return 0;
        }
    }

    private Outage outage() {
        return new Outage(Duration.ofMillis(settings.publisherIntervalMillis()), LONGEST_RETRY);
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
        /** The store's outage: no step can run. */
        final Outage store;
        /** The broker's outage: events are still logged, not sent. */
        final Outage broker;

        StoreRuns(Outage store, Outage broker) {
            this.store = store;
            this.broker = broker;
        }
    }
}
