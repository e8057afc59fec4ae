package io.coffer.replication.prune;

import io.coffer.platform.time.Outage;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Prunes every store's log once a minute, on the cell's leader. */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogPruningSchedule {

    private static final Logger LOG = Logger.getLogger(LogPruningSchedule.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    LogPruning pruning;

    @Inject
    ShardRouter router;

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, Outage> outages = new ConcurrentHashMap<>();
    private volatile PeriodicTask ticking;

    @PostConstruct
    void start() {
        ticking = PeriodicTask.start(executor, this::tick, 60, 60, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(ticking);
    }

    void tick() {
        // a shard of another cell is pruned by that cell, which replicates it
        router.servedStores().forEach(this::prune);
    }

    /** A store or the base store down: the next minute tries again; said once when it starts and once when it ends. */
    private void prune(StoreId store) {
        Outage outage = outages.computeIfAbsent(store, ignored -> new Outage(Duration.ZERO, Duration.ZERO));
        try {
            pruning.pruneIfLeader(store)
                    .filter(pruned -> pruned.pruned() > 0)
                    .ifPresent(pruned -> LOG.info(() -> "pruned " + pruned.pruned() + " entries of store " + store
                            + "'s log, up to " + pruned.appliedByEveryLiveHost()));
            outage.succeeded(clock.instant())
                    .ifPresent(length -> LOG.info(() ->
                            "pruning the log of store " + store + " works again, after " + Outage.describe(length)));
        } catch (RuntimeException failure) {
            if (outage.failed(clock.instant())) {
                LOG.log(Level.WARNING, "pruning the log of store " + store + " failed; retried every minute", failure);
            }
        }
    }
}
