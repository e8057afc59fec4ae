package io.coffer.secret.boundary;

import io.coffer.platform.time.Outage;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link SecretHousekeeping}: on the cell's leading host, activation four times a second (a new secret is ACTIVE
 * well within a second after every host applied it) and due scheduled rotations every five seconds, so that each
 * store's secrets are rotated by one host; scheduled deletions every five seconds on every host (row locks make the
 * second host's pass a no-op).
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

    @Inject
    @RealTime
    Clock clock;

    private volatile List<PeriodicTask> tasks = List.of();
    private final Set<String> unrotatable = ConcurrentHashMap.newKeySet();
    /** Per kind of work: a store that is down is said once when it fails and once when it works again. */
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        tasks = List.of(
                PeriodicTask.start(executor, this::activate, 1000, 250, TimeUnit.MILLISECONDS),
                PeriodicTask.start(executor, this::rotateDue, 5, 5, TimeUnit.SECONDS),
                PeriodicTask.start(executor, this::deleteDue, 5, 5, TimeUnit.SECONDS));
    }

    @PreDestroy
    void stop() {
        tasks.forEach(PeriodicTask::stop);
    }

    /** The cell's leader activates; the others stand by (any of them takes over within the liveness window). */
    private void activate() {
        guarded("activate secrets", () -> {
            if (!replication.leadsCell()) {
                return;
            }
            for (StoreId shard : router.servedShards()) {
                List<SecretHousekeeping.Replicated> replicated = housekeeping.replicatedWaiting(shard);
                if (!replicated.isEmpty()) {
                    housekeeping.activate(shard, replicated);
                }
            }
        });
    }

    /** Each due secret in a transaction of its own: one that cannot be rotated now does not hold back the others. */
    private void rotateDue() {
        guarded("rotate secrets on schedule", () -> {
            if (!replication.leadsCell()) {
                return;
            }
            for (StoreId shard : router.servedShards()) {
                for (String secretId : housekeeping.dueRotations(shard)) {
                    rotate(shard, secretId);
                }
            }
        });
    }

    private void rotate(StoreId shard, String secretId) {
        try {
            housekeeping.rotateIfDue(shard, secretId);
            unrotatable.remove(secretId);
        } catch (RuntimeException refused) {
            // For example its key was disabled: said once per secret, and tried again on the next pass.
            if (unrotatable.add(secretId)) {
                LOG.log(
                        Level.WARNING,
                        "secret " + secretId + " is due for rotation but cannot be rotated (retrying): "
                                + refused.getMessage());
            }
        }
    }

    private void deleteDue() {
        guarded("delete what is due", () -> {
            housekeeping.deleteDueVaults();
            for (StoreId shard : router.servedShards()) {
                housekeeping.deleteDue(shard);
            }
        });
    }

    private void guarded(String what, Runnable work) {
        Outage outage = outages.computeIfAbsent(what, ignored -> new Outage(Duration.ZERO, Duration.ZERO));
        try {
            work.run();
            outage.succeeded(clock.instant())
                    .ifPresent(length ->
                            LOG.info(() -> "housekeeping works again: " + what + ", after " + Outage.describe(length)));
        } catch (RuntimeException failure) {
            // A store that is down makes every tick fail: said once, not four times a second.
            if (outage.failed(clock.instant())) {
                LOG.log(Level.WARNING, "housekeeping could not " + what + " (retrying): " + failure.getMessage());
            }
        }
    }
}
