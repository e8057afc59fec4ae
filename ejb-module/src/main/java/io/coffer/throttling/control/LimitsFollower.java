package io.coffer.throttling.control;

import io.coffer.platform.time.PeriodicTask;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import io.coffer.throttling.entity.LimitSet;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps this host's throttle on the limits the operator set: reads them every second from the base store, or from
 * this host's replica of it while the base store cannot be read; with neither, the last limits stay in force.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LimitsFollower {

    private static final Logger LOG = Logger.getLogger(LimitsFollower.class.getName());
    private static final String ALL = "SELECT l FROM LimitSet l";

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ShardRouter router;

    @Inject
    Throttle throttle;

    private volatile PeriodicTask following;
    private volatile boolean remoteFailing;
    private volatile boolean warmed;

    @PostConstruct
    void start() {
        following = PeriodicTask.start(executor, this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(following);
    }

    /** Reads the limits now (also called right after the operator changed them on this host). */
    public void refresh() {
        List<LimitSet> rows;
        try {
            rows = router.readRemote(
                    StoreId.BASE, em -> em.createQuery(ALL, LimitSet.class).getResultList());
            if (remoteFailing) {
                remoteFailing = false;
                LOG.info("throttling limits are read from the base store again");
            }
        } catch (RuntimeException remoteDown) {
            if (!remoteFailing) {
                remoteFailing = true;
                LOG.warning("the base store cannot be read (" + remoteDown.getMessage()
                        + "); throttling limits now follow this host's replica of it");
            }
            try {
                rows = router.readLocal(
                        em -> em.createQuery(ALL, LimitSet.class).getResultList());
            } catch (RuntimeException localToo) {
                return;
            }
        }
        throttle.follow(LimitsSnapshot.of(rows));
        if (!warmed) {
            try {
                throttle.warm();
                warmed = true;
            } catch (RuntimeException notYet) {
                // the grid is still forming: next second
            }
        }
    }
}
