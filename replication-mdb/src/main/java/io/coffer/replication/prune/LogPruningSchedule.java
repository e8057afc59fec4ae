package io.coffer.replication.prune;

import io.coffer.platform.time.PeriodicTask;
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

    private volatile PeriodicTask ticking;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        ticking = PeriodicTask.start(executor, this::tick, 60, 60, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.stop();
        }
    }

    void tick() {
        for (StoreId store : router.remoteStores()) {
            try {
                pruning.pruneIfLeader(store)
                        .filter(pruned -> pruned.pruned() > 0)
                        .ifPresent(pruned -> LOG.info(() -> "pruned " + pruned.pruned() + " entries of store " + store
                                + "'s log, up to " + pruned.appliedByEveryLiveHost()));
                if (failing) {
                    LOG.info("log pruning works again");
                    failing = false;
                }
            } catch (RuntimeException failure) {
                // A store or the base store is down: the next minute tries again; said once per outage.
                if (!failing) {
                    LOG.log(
                            Level.WARNING,
                            "pruning the log of store " + store + " failed; retried every minute",
                            failure);
                    failing = true;
                }
            }
        }
    }
}
