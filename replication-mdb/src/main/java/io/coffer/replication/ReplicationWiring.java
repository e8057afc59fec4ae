package io.coffer.replication;

import io.coffer.replication.capture.CaptureSettings;
import io.coffer.replication.capture.ReplicationInterceptor;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.monitor.ReplicationProgress;
import io.coffer.replication.publish.PublisherScheduler;
import io.coffer.replication.store.ReplicationSchema;
import io.coffer.routing.control.ReplicationHooks;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoreId;
import io.coffer.platform.settings.CofferSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import io.coffer.platform.time.RealTime;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.Session;

/**
 * Plugs replication into the shard router at start-up, before any store opens: every {@link Replicated} entity of
 * every remote store gets the {@link ReplicationInterceptor}, and every store gets replication's tables.
 */
@Singleton
@Startup
public class ReplicationWiring implements ReplicationHooks {

    @Inject
    ShardRouter router;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    CaptureSettings captureSettings;

    @Inject
    @RealTime
    Clock clock;

    @EJB
    PublisherScheduler publisher;

    @Inject
    ReplicaState replicas;

    @Inject
    CofferSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PostConstruct
    void install() {
        router.install(this);
    }

    @Override
    public void attach(StoreId store, Session session) {
        ReplicationInterceptor interceptor = new ReplicationInterceptor(store, captureSettings, transactions,
                metrics::captured, publisher::wake, clock);
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.getJavaClass().isAnnotationPresent(Replicated.class)) {
                // A host drops one store's rows by key when that store's replication is rolled back.
                if (descriptor.getPrimaryKeyFields().size() != 1) {
                    throw new IllegalStateException(descriptor.getJavaClass().getName()
                            + " is @Replicated and must have exactly one primary key column");
                }
                descriptor.getEventManager().addListener(interceptor);
            }
        }
    }

    @Override
    public void remoteOpened(StoreId store, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            ReplicationSchema.installRemote(connection, store);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create the replication tables of store " + store, failure);
        }
    }

    @Override
    public boolean caughtUp(StoreId store) {
        return replicas.caughtUp(store);
    }

    @Override
    public long appliedByEveryHost(StoreId store) {
        try (Connection shard = router.remoteDataSource(store).getConnection();
                Connection base = router.remoteDataSource(StoreId.BASE).getConnection()) {
            return ReplicationProgress.appliedByEveryHost(shard, base, store, settings.cell(), clock.instant());
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot tell how far store " + store + " has replicated: " + failure.getMessage(), failure);
        }
    }

    @Override
    public java.util.Map<String, Long> lastSequences(StoreId store, String table, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return java.util.Map.of();
        }
        try (Connection shard = router.remoteDataSource(store).getConnection()) {
            return ReplicationProgress.lastSequences(shard, table, keys);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot read the log of store " + store + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public boolean leadsCell() {
        try (Connection base = router.remoteDataSource(StoreId.BASE).getConnection()) {
            return ReplicationProgress.cellLeader(base, settings.cell(), clock.instant())
                    .map(settings.instance()::equals).orElse(true);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot tell which host leads the cell: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void rollBack(StoreId store) {
        try (Connection shard = router.remoteDataSource(store).getConnection()) {
            ReplicationProgress.rollBack(shard, store, clock.instant());
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot roll back the replication of store " + store + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void localOpened(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            ReplicationSchema.installLocal(connection);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create the replication tables of the local store", failure);
        }
    }
}
