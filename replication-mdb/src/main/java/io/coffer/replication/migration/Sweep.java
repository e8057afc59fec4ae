package io.coffer.replication.migration;

import io.coffer.replication.apply.Bookmarks;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Phase 3 on one remote store: compares this host's replica with the remote store one key range at a time, range
 * digests first and rows only where a range differs. A row that differs only because its change is still on its way
 * (pending, or logged after what this host has applied) is not a discrepancy. The comparison reads; the repair of
 * what it found ({@link EntityReplay#repair}) and the bookmark are written by the caller in one transaction.
 */
public final class Sweep {

    /**
     * One range compared.
     *
     * @param table the table compared
     * @param differing the keys of {@code table} whose rows differ
     * @param nextTable where the next range starts (null: the sweep is finished)
     * @param nextKey the last key covered in {@code nextTable}
     */
    public record Range(String table, List<String> differing, long checked, String nextTable, String nextKey) {

        public boolean finished() {
            return nextTable == null;
        }
    }

    private Sweep() {}

    static Range compare(
            Connection remote,
            Connection local,
            StoreId store,
            SortedMap<String, String> tables,
            String table,
            String lastKey,
            int size)
            throws SQLException {
        String current = table == null ? TableKeys.nextTable(tables, null) : table;
        if (current == null) {
            return new Range(null, List.of(), 0, null, null);
        }
        String keyColumn = tables.get(current);
        List<String> keys = TableKeys.after(remote, current, keyColumn, lastKey, size);
        String upTo = keys.size() == size ? keys.get(keys.size() - 1) : null;
        Map<String, String> remoteRows = RowDigests.of(remote, current, keyColumn, lastKey, upTo, null);
        Map<String, String> localRows = RowDigests.of(local, current, keyColumn, lastKey, upTo, store);
        List<String> differing = new ArrayList<>();
        if (!RowDigests.ofRange(remoteRows).equals(RowDigests.ofRange(localRows))) {
            long applied = Bookmarks.read(local, store).applied();
            TreeSet<String> union = new TreeSet<>(remoteRows.keySet());
            union.addAll(localRows.keySet());
            for (String key : union) {
                if (!Objects.equals(remoteRows.get(key), localRows.get(key))
                        && !inFlight(remote, current, key, applied)) {
                    differing.add(key);
                }
            }
        }
        return upTo == null
                ? new Range(current, differing, remoteRows.size(), TableKeys.nextTable(tables, current), null)
                : new Range(current, differing, remoteRows.size(), current, upTo);
    }

    /** Whether a change of the entity is still on its way to this host: pending, or logged after what it applied. */
    static boolean inFlight(Connection remote, String table, String key, long applied) throws SQLException {
        try (PreparedStatement pending =
                        remote.prepareStatement("SELECT 1 FROM REPL_PENDING WHERE TABLE_NAME = ? AND ENTITY_KEY = ?");
                PreparedStatement logged = remote.prepareStatement(
                        "SELECT 1 FROM REPL_LOG WHERE TABLE_NAME = ? AND ENTITY_KEY = ? AND SEQ > ?")) {
            pending.setString(1, table);
            pending.setString(2, key);
            try (ResultSet rows = pending.executeQuery()) {
                if (rows.next()) {
                    return true;
                }
            }
            logged.setString(1, table);
            logged.setString(2, key);
            logged.setLong(3, applied);
            try (ResultSet rows = logged.executeQuery()) {
                return rows.next();
            }
        }
    }
}
