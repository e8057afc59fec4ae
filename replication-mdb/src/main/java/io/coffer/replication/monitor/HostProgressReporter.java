package io.coffer.replication.monitor;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reports this host's applied position per store to the base store, four times a second when it moved and every few
 * seconds as a heartbeat: what decides that a new secret has reached every host of its cell and may become ACTIVE.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostProgressReporter {

    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ShardRouter router;

    @Inject
    StoreConnections connections;

    @Inject
    ReplicaState replicas;

    @Inject
    CofferSettings settings;

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, Reported> reported = new ConcurrentHashMap<>();
    private volatile PeriodicTask reporting;

    private record Reported(ReplicaState.Applied position, Instant at) {}

    @PostConstruct
    void start() {
        reporting = PeriodicTask.start(executor, this::report, 250, 250, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(reporting);
    }

    private void report() {
        Instant now = clock.instant();
        for (StoreId store : router.servedStores()) {
            replicas.applied(store).ifPresent(position -> {
                Reported last = reported.get(store);
                if (last != null
                        && last.position().equals(position)
                        && Duration.between(last.at(), now).compareTo(HEARTBEAT) < 0) {
                    return;
                }
                try {
                    try (Connection base = connections.base()) {
                        ReplicationProgress.report(
                                base,
                                settings.instance(),
                                settings.cell(),
                                settings.cellUrl().orElse(null),
                                store,
                                position.epoch(),
                                position.sequence(),
                                now);
                    }
                    reported.put(store, new Reported(position, now));
                } catch (SQLException | RuntimeException baseDown) {
                    // The next tick tries again; until then, resources simply stay in their transitional state.
                }
            });
        }
    }
}
