package io.coffer.replication.monitor;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.monitor.ReplicaChecksums.Checksum;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator asks about replication: a store's content checksum on the remote store and on this host's replica,
 * and every host's applied position as the hosts report it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicationInspector {

    @Inject
    ShardRouter router;

    @Inject
    StoreConnections connections;

    @Inject
    CofferSettings settings;

    /** The remote store's and this host's checksum of one store's replicated content. */
    public record StoreChecksums(String store, String host, Checksum remote, Checksum local) {}

    /** One host's reported position in one store's log. */
    public record HostPosition(
            String host, String cell, String store, long epoch, long applied, long head, Instant reportedAt) {
        public long eventsBehind() {
            return Math.max(0, head - applied);
        }
    }

    public StoreChecksums checksums(String storeName) {
        StoreId store = known(storeName);
        Map<String, String> tables = router.readRemote(store, ReplicatedTables::of);
        try (Connection remote = connections.remote(store);
                Connection local = connections.local()) {
            return new StoreChecksums(
                    store.name(),
                    settings.instance(),
                    ReplicaChecksums.remote(remote, tables),
                    ReplicaChecksums.local(local, store, tables));
        } catch (SQLException failure) {
            throw new EJBException("checksumming store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    public List<HostPosition> hosts() {
        List<HostPosition> positions = new ArrayList<>();
        try (Connection base = connections.base()) {
            for (StoreId store : router.remoteStores()) {
                long head;
                try (Connection remote = connections.remote(store)) {
                    head = RemoteLog.head(remote, store).sequence();
                }
                try (PreparedStatement select =
                        base.prepareStatement("SELECT HOST_NAME, CELL_NAME, EPOCH, APPLIED_SEQ, REPORTED_AT"
                                + " FROM REPL_HOST WHERE STORE_NAME = ? ORDER BY HOST_NAME")) {
                    select.setString(1, store.name());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            Timestamp reported = rows.getTimestamp(5);
                            positions.add(new HostPosition(
                                    rows.getString(1),
                                    rows.getString(2),
                                    store.name(),
                                    rows.getLong(3),
                                    rows.getLong(4),
                                    head,
                                    reported.toInstant()));
                        }
                    }
                }
            }
        } catch (SQLException failure) {
            throw new EJBException("reading the hosts' positions failed: " + failure.getMessage(), failure);
        }
        return positions;
    }

    private StoreId known(String storeName) {
        return router.known(storeName).orElseThrow(() -> CofferException.notFound("store " + storeName));
    }
}
