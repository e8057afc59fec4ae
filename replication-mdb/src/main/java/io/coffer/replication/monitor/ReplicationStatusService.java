package io.coffer.replication.monitor;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.AppliedEverywhere;
import io.coffer.routing.control.ReplicationPort;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;

/**
 * Replication's side of the {@link ReplicationPort}: this host's replica state, the positions the cell's hosts report
 * in the base store, and the rollback of a store's log. The reads run outside the caller's transaction; the rollback
 * joins it.
 */
@ApplicationScoped
public class ReplicationStatusService implements ReplicationPort {

    @Inject
    ReplicaState replicas;

    @Inject
    StoreConnections connections;

    @Inject
    @RealTime
    Clock clock;

    @Inject
    CofferSettings settings;

    @Override
    public boolean caughtUp(StoreId store) {
        return replicas.caughtUp(store);
    }

    @Override
    public AppliedEverywhere appliedEverywhere(StoreId store, String table, Collection<String> keys) {
        // Outside the caller's transaction: it writes one store, and these reads would enlist two.
        try (Connection remote = connections.remoteOutsideTransactions(store);
                Connection base = connections.remoteOutsideTransactions(StoreId.BASE)) {
            return ReplicationProgress.appliedEverywhere(
                    remote, base, store, settings.cell(), table, keys, clock.instant());
        } catch (SQLException failure) {
            throw new IllegalStateException(
                    "cannot tell how far store " + store + " has replicated: " + failure.getMessage(), failure);
        }
    }

    @Override
    public boolean leadsCell() {
        try (Connection base = connections.remoteOutsideTransactions(StoreId.BASE)) {
            return ReplicationProgress.cellLeader(base, settings.cell(), clock.instant())
                    .map(settings.instance()::equals)
                    .orElse(true);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot tell which host leads the cell: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void rollBack(StoreId store) {
        try (Connection remote = connections.remoteOutsideTransactions(store)) {
            boolean autoCommit = remote.getAutoCommit();
            remote.setAutoCommit(false);
            try {
                RemoteLog.startNewEpoch(remote, store, clock.instant());
                remote.commit();
            } catch (SQLException | RuntimeException failed) {
                remote.rollback();
                throw failed;
            } finally {
                remote.setAutoCommit(autoCommit);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException(
                    "cannot roll back the replication of store " + store + ": " + failure.getMessage(), failure);
        }
    }
}
