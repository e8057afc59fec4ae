package io.coffer.replication;

import io.coffer.platform.time.RealTime;
import io.coffer.replication.capture.CaptureSettings;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.capture.ReplicationInterceptor;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.monitor.ReplicationStatusService;
import io.coffer.replication.publish.PublisherScheduler;
import io.coffer.replication.store.ReplicationSchema;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ReplicationHooks;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.persistence.sessions.Session;

/**
 * Plugs replication into the router-module at start-up, before any store opens: every replicated entity of every
 * remote store gets the {@link ReplicationInterceptor}, every store gets replication's tables when it opens, and the
 * rest of Coffer reaches replication through the {@link ReplicationStatusService} installed in {@link Replication}.
 */
@Singleton
@Startup
public class ReplicationWiring implements ReplicationHooks {

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    @Inject
    ReplicationStatusService status;

    @Inject
    StoreDataSources dataSources;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    CaptureSettings captureSettings;

    @Inject
    @RealTime
    Clock clock;

    @EJB
    PublisherScheduler publisher;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PostConstruct
    void install() {
        replication.install(status);
        router.install(this);
    }

    @Override
    public void attach(StoreId store, Session session) {
        ReplicationInterceptor interceptor = new ReplicationInterceptor(
                store, captureSettings, transactions, metrics::captured, publisher::wake, clock);
        ReplicatedTables.descriptors(session)
                .forEach(descriptor -> descriptor.getEventManager().addListener(interceptor));
    }

    // The store is being opened: its connections come straight from the data source, not through the router.
    @Override
    public void remoteOpened(StoreId store) {
        try (Connection connection = dataSources.remote(store).getConnection()) {
            ReplicationSchema.installRemote(connection, store);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create the replication tables of store " + store, failure);
        }
    }

    @Override
    public void localOpened() {
        try (Connection connection = dataSources.local().getConnection()) {
            ReplicationSchema.installLocal(connection);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create the replication tables of the local store", failure);
        }
    }
}
