package io.coffer.secret.boundary;

import io.coffer.platform.time.PeriodicTask;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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

/**
 * Runs {@link SecretHousekeeping}: activation four times a second on the cell's leading host (a new secret is ACTIVE
 * well within a second after every host applied it), scheduled deletions every five seconds on every host.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecretScheduler {

    private static final Logger LOG = Logger.getLogger(SecretScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    SecretHousekeeping housekeeping;

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    private volatile PeriodicTask activating;
    private volatile PeriodicTask deleting;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        activating = PeriodicTask.start(executor, this::activate, 1000, 250, TimeUnit.MILLISECONDS);
        deleting = PeriodicTask.start(executor, this::deleteDue, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (activating != null) {
            activating.stop();
        }
        if (deleting != null) {
            deleting.stop();
        }
    }

    /** The cell's leader activates; the others stand by (any of them takes over within the liveness window). */
    private void activate() {
        guarded("activate secrets", () -> {
            if (!replication.leadsCell()) {
                return;
            }
            for (StoreId shard : router.shards()) {
                housekeeping.activateReplicated(shard);
            }
        });
    }

    private void deleteDue() {
        guarded("delete what is due", () -> {
            housekeeping.deleteDueVaults();
            for (StoreId shard : router.shards()) {
                housekeeping.deleteDue(shard);
            }
        });
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
            if (failing) {
                LOG.info(() -> "housekeeping works again: " + what);
                failing = false;
            }
        } catch (RuntimeException failure) {
            // A store that is down makes every tick fail: said once, not four times a second.
            if (!failing) {
                LOG.log(Level.WARNING, "housekeeping could not " + what + " (retrying): " + failure.getMessage());
                failing = true;
            }
        }
    }
}
