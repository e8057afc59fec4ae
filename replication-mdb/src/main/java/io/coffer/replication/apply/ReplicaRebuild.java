package io.coffer.replication.apply;

import io.coffer.replication.event.RowChange;
import io.coffer.replication.store.RowImages;
import io.coffer.replication.store.SqlNames;
import io.coffer.replication.store.WholeRows;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * Rebuilds a host's replica of one store from the remote store itself, for a host whose bookmark is behind the point
 * the store's log was pruned to (a host stopped for long, or a new host joining a store whose log no longer starts at
 * 1): the events it misses are gone, so it copies the rows instead and follows the log from the head it read first.
 *
 * <p>Why that leaves the replica right: the head is read before any row, so every change numbered at or below it is
 * in the copied rows; a change numbered after it may be in the copy too, and is applied again when the host follows
 * the log on from the head. Events carry whole rows, and applying an event sets the columns it carries, so once the
 * host reaches the log's head each row holds its last change, as on any other host.
 */
final class ReplicaRebuild {

    /** What a rebuild did: the rows copied, and the head the bookmark now stands at. */
    record Rebuilt(long rows, long epoch, long head) {}

    private ReplicaRebuild() {}

    /**
     * In the caller's transaction on the local store: drops what the host holds of the store, copies every row of
     * its replicated tables, and sets the bookmark to the head.
     *
     * @param tables each replicated table of the store with its primary-key column
     */
    static Rebuilt rebuild(
            Connection local,
            Connection remote,
            StoreId store,
            long epoch,
            long head,
            SortedMap<String, String> tables,
            Instant now)
            throws SQLException {
        ReplicaOrigins.dropReplica(local, store);
        long rows = 0;
        for (Map.Entry<String, String> table : tables.entrySet()) {
            try (PreparedStatement select =
                            remote.prepareStatement("SELECT " + WholeRows.selectList(remote, table.getKey(), "t")
                                    + " FROM " + SqlNames.quoted(table.getKey()) + " t");
                    ResultSet all = select.executeQuery()) {
                ResultSetMetaData columns = all.getMetaData();
                while (all.next()) {
                    RowChange row = RowImages.upsertOf(all, columns, table.getKey(), table.getValue());
                    if (LocalRowWriter.apply(local, row) == LocalRowWriter.Outcome.INSERTED) {
                        ReplicaOrigins.inserted(local, store, row.table(), row.entityKey());
                    }
                    rows++;
                }
            }
        }
        Bookmarks.restart(local, store, epoch, now);
        Bookmarks.advance(local, store, head, now);
        return new Rebuilt(rows, epoch, head);
    }
}
