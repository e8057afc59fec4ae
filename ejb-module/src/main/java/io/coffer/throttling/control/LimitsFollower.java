package io.coffer.throttling.control;

import io.coffer.platform.grid.ChangeFollowing;
import io.coffer.platform.grid.ChangeSignals;
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
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps this host's throttle on the limits the operator set: reads them every second from the base store, or from
 * this host's replica of it while the base store cannot be read; with neither, the last limits stay in force. A change
 * made on another host is read at once: that host signals it through the data grid ({@link ChangeSignals}), looked
 * for five times a second.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LimitsFollower {

    private static final Logger LOG = Logger.getLogger(LimitsFollower.class.getName());
    static final String SIGNAL = "throttling-limits";
    private static final String ALL = "SELECT l FROM LimitSet l";

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ShardRouter router;

    @Inject
    Throttle throttle;

    @Inject
    ChangeSignals signals;

    private volatile ChangeFollowing following;
    private volatile boolean remoteFailing;
    private volatile boolean warmed;

    @PostConstruct
    void start() {
        following = ChangeFollowing.of(signals, SIGNAL, this::refresh)
                .readingEvery(Duration.ofSeconds(1))
                .start(executor);
    }

    /** The operator changed the limits on this host (committed): follow them here now, and tell the other hosts. */
    public void changed() {
        refresh();
        signals.announce(SIGNAL);
    }

    @PreDestroy
    void stop() {
        ChangeFollowing.stopIfStarted(following);
    }

    /** Reads the limits now; one read at a time, so that an older read never overwrites a newer one. */
    public synchronized void refresh() {
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
