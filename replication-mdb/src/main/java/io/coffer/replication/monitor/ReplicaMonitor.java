package io.coffer.replication.monitor;

import io.coffer.platform.time.Outage;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.apply.Bookmarks;
import io.coffer.replication.apply.EventApplier;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Watches this host's replicas once a second: compares each bookmark with the head of the store's log, records the
 * lag, and catches up from the remote log when the host starts or when the topic stopped bringing events (a gap
 * nobody fills otherwise). The topic stays the fast path; this is the safety net and the start-up path.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicaMonitor {

    private static final Logger LOG = Logger.getLogger(ReplicaMonitor.class.getName());
    private static final int CATCH_UP_BATCH = 500;
    /** A bookmark that has not moved for this long while behind the head is caught up from the log. */
    private static final Duration STALL = Duration.ofSeconds(3);

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    EventApplier applier;

    @Inject
    ShardRouter router;

    @Inject
    StoreConnections connections;

    @Inject
    ReplicaState state;

    @Inject
    MetricRegistry metrics;

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, Progress> progress = new ConcurrentHashMap<>();
    private volatile PeriodicTask watching;

    @PostConstruct
    void start() {
        watching = PeriodicTask.start(executor, this::checkAll, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(watching);
    }

    private void checkAll() {
        for (StoreId store : router.servedStores()) {
            try {
                check(store);
            } catch (RuntimeException | SQLException failure) {
                Progress current = progress.computeIfAbsent(store, this::register);
                if (current.outage.failed(clock.instant())) {
                    LOG.log(
                            Level.WARNING,
                            "cannot compare the local replica of store " + store + " with its log: "
                                    + failure.getMessage());
                }
            }
        }
    }

    private void check(StoreId store) throws SQLException {
        Progress current = progress.computeIfAbsent(store, this::register);
        Bookmarks.Position position = bookmark(store);
        long applied = position.applied();
        long head;
        RemoteLog.Head logHead;
        Duration lag = Duration.ZERO;
        Instant now = clock.instant();
        try (Connection remote = connections.remote(store)) {
            logHead = RemoteLog.head(remote, store);
            // A newer epoch restarts the log: the host is behind by the whole new log until it follows it.
            head = logHead.sequence();
            if (logHead.epoch() != position.epoch()) {
                applied = 0;
            }
            if (applied < head) {
                lag = RemoteLog.capturedAt(remote, applied + 1)
                        .map(Timestamp::toInstant)
                        .map(captured -> Duration.between(captured, now))
                        .filter(duration -> !duration.isNegative())
                        .orElse(Duration.ZERO);
            }
        }
        boolean stalled = (logHead.epoch() != position.epoch() || applied < head)
                && (!state.caughtUp(store)
                        || logHead.epoch() != position.epoch()
                        || (applied == current.lastApplied
                                && Duration.between(current.lastMovedAt, now).compareTo(STALL) >= 0));
        if (applied != current.lastApplied) {
            current.lastApplied = applied;
            current.lastMovedAt = now;
        }
        if (stalled) {
            int caught;
            do {
                caught = applier.catchUp(store, CATCH_UP_BATCH);
                applied += caught;
            } while (caught == CATCH_UP_BATCH);
            current.lastApplied = applied;
            current.lastMovedAt = now;
            if (applied >= head) {
                lag = Duration.ZERO;
            }
        }
        current.outage
                .succeeded(now)
                .ifPresent(length -> LOG.info(() -> "the local replica of store " + store
                        + " is compared with its log again, after " + Outage.describe(length)));
        current.eventsBehind = Math.max(0, head - applied);
        current.lagMillis = lag.toMillis();
        current.applied = applied;
        state.observed(store, logHead.epoch(), applied, head, lag, now);
    }

    private Bookmarks.Position bookmark(StoreId store) throws SQLException {
        try (Connection local = connections.local()) {
            return Bookmarks.read(local, store);
        }
    }

    private Progress register(StoreId store) {
        Progress fresh = new Progress();
        Tag tag = new Tag("store", store.name());
        metrics.gauge("coffer_replication_lag_events", fresh, p -> p.eventsBehind, tag);
        metrics.gauge("coffer_replication_lag_seconds", fresh, p -> p.lagMillis / 1000.0, tag);
        metrics.gauge("coffer_replication_applied_sequence", fresh, p -> p.applied, tag);
        return fresh;
    }

    private static final class Progress {
        volatile long lastApplied = -1;
        volatile Instant lastMovedAt = Instant.EPOCH;
        volatile long eventsBehind;
        volatile long lagMillis;
        volatile long applied;
        /** Only its start and end are used: the monitor ticks once a second either way. */
        final Outage outage = new Outage(Duration.ZERO, Duration.ZERO);
    }
}
