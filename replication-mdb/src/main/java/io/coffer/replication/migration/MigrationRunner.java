package io.coffer.replication.migration;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.MigrationPhase;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the migration's background work of every store whose phase asks for it (BACKFILL: the backfill; VERIFY: the
 * sweep), unless paused: on every host, but each store's work on one host at a time, the holder of its lease (see
 * {@link MigrationSteps}). Paces each store's work to its limit with a token bucket holding at most one second's
 * worth, reads the limit again on every tick (so a change applies while it runs), and measures the rate it reaches.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class.getName());
    static final long TICK_MILLIS = 200;
    /** Entities one backfill step replays at most: one short transaction on the remote store. */
    static final int BACKFILL_BATCH = 200;
    /**
     * Keys one sweep range covers at most. Each range also pays a fixed part (its keys' query, an EJB call, a
     * transaction on the remote store for the bookmark): 6,270 entities/s at 500, 7,236/s at 2,000 (bench/README).
     */
    static final int SWEEP_RANGE = 2_000;
    /**
     * Entities per second the sweep compares at most: it only reads (the remote store's rows and this host's replica)
     * and writes only what it repairs, so it is kept off the customer's way by its step size rather than by a low
     * limit (at 20,000 the limit itself was the sweep's ceiling).
     */
    static final long SWEEP_LIMIT = 100_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    MigrationSteps steps;

    @EJB
    MigrationService migrations;

    @Inject
    StoreConnections connections;

    @Inject
    ShardRouter router;

    @Inject
    CofferSettings settings;

    @Inject
    MigrationMetrics metrics;

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, Pace> paces = new ConcurrentHashMap<>();
    /** The stores known to have a migration row: a fresh install's get theirs (switched over) on the first tick. */
    private final Set<StoreId> adopted = ConcurrentHashMap.newKeySet();

    private volatile PeriodicTask ticking;
    private volatile boolean failing;

    /** What the runner reads of a store's migration row on every tick. */
    record Orders(MigrationPhase phase, long backfillRun, long sweepRun, boolean paused, long backfillLimit) {}

    @PostConstruct
    void start() {
        ticking = PeriodicTask.start(executor, this::tick, 1_000, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(ticking);
    }

    void tick() {
        // a store's backfill and sweep run in the cell that keeps its replicas (the sweep compares this host's)
        for (StoreId store : router.servedStores()) {
            try {
                if (!adopted.contains(store)) {
                    migrations.adopt(store);
                    adopted.add(store);
                }
                Optional<Orders> orders = orders(store);
                if (orders.isEmpty() || orders.get().paused()) {
                    paces.remove(store);
                    continue;
                }
                switch (orders.get().phase()) {
                    case BACKFILL -> backfill(store, orders.get());
                    case VERIFY -> sweep(store, orders.get());
                    default -> paces.remove(store);
                }
                if (failing) {
                    LOG.info("the migration's background work runs again");
                    failing = false;
                }
            } catch (RuntimeException failure) {
                paces.remove(store);
                if (!failing) {
                    LOG.log(Level.WARNING, "the migration work of store " + store + " failed; it is retried", failure);
                    failing = true;
                }
            }
        }
    }

    private void backfill(StoreId store, Orders orders) {
        Pace pace =
                paces.computeIfAbsent(store, key -> new Pace(WorkKind.BACKFILL, orders.backfillRun(), clock.instant()));
        if (!pace.matches(WorkKind.BACKFILL, orders.backfillRun())) {
            paces.remove(store);
            return;
        }
        Instant deadline = clock.instant().plus(Duration.ofMillis(TICK_MILLIS * 4));
        pace.refill(orders.backfillLimit(), clock.instant());
        while (pace.tokens() >= 1 && clock.instant().isBefore(deadline)) {
            int budget = (int) Math.min(BACKFILL_BATCH, pace.tokens());
            Optional<WorkRow> row =
                    steps.backfill(store, orders.backfillRun(), budget, pace.rate(), settings.instance());
            if (row.isEmpty()) {
                return;
            }
            long done = pace.took(row.get().processed(), budget, clock.instant());
            metrics.backfill(store, row.get());
            if (row.get().done() || done < budget) {
                return;
            }
        }
    }

    private void sweep(StoreId store, Orders orders) {
        Pace pace = paces.computeIfAbsent(store, key -> new Pace(WorkKind.SWEEP, orders.sweepRun(), clock.instant()));
        if (!pace.matches(WorkKind.SWEEP, orders.sweepRun())) {
            paces.remove(store);
            return;
        }
        Instant deadline = clock.instant().plus(Duration.ofMillis(TICK_MILLIS * 4));
        pace.refill(SWEEP_LIMIT, clock.instant());
        while (pace.tokens() >= 1 && clock.instant().isBefore(deadline)) {
            int size = (int) Math.min(SWEEP_RANGE, pace.tokens());
            Optional<MigrationSteps.SweepPlan> plan =
                    steps.planSweep(store, orders.sweepRun(), Math.max(size, 1), settings.instance());
            if (plan.isEmpty()) {
                return;
            }
            Optional<WorkRow> row = steps.commitSweep(store, plan.get(), pace.rate(), settings.instance());
            if (row.isEmpty()) {
                return;
            }
            pace.took(row.get().processed(), size, clock.instant());
            metrics.sweep(store, row.get());
            if (row.get().done()) {
                return;
            }
        }
    }

    private Optional<Orders> orders(StoreId store) {
        try (Connection base = connections.base();
                PreparedStatement select = base.prepareStatement("SELECT PHASE, BACKFILL_RUN, SWEEP_RUN, PAUSED,"
                        + " BACKFILL_LIMIT FROM STORE_MIGRATION WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Orders(
                        MigrationPhase.valueOf(row.getString(1)),
                        row.getLong(2),
                        row.getLong(3),
                        row.getBoolean(4),
                        row.getLong(5)));
            }
        } catch (SQLException failure) {
            // No migration row table yet (no operator has asked), or the base store is down: nothing to run now.
            return Optional.empty();
        }
    }
}
