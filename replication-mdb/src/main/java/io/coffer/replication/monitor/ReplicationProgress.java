package io.coffer.replication.monitor;

import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers how far a cell's hosts have replicated: the positions hosts report in the base store's {@code REPL_HOST}
 * against where rows' last changes sit in a store's log. A host that has not reported
 * for {@link #LIVENESS} is not counted (it catches up before it serves local reads again).
 */
public final class ReplicationProgress {

    static final Duration LIVENESS = Duration.ofSeconds(20);

    private ReplicationProgress() {
    }

    /** The lowest position live hosts of the cell applied in the current epoch; see ReplicationHooks. */
    public static long appliedByEveryHost(Connection shard, Connection base, StoreId store, String cell, Instant now) throws SQLException {
        long epoch = RemoteLog.head(shard, store).epoch();
        long lowest = Long.MAX_VALUE;
        try (PreparedStatement hosts = base.prepareStatement("SELECT EPOCH, APPLIED_SEQ FROM REPL_HOST"
                + " WHERE STORE_NAME = ? AND CELL_NAME = ? AND REPORTED_AT > ?")) {
            hosts.setString(1, store.name());
            hosts.setString(2, cell);
            hosts.setTimestamp(3, Timestamp.from(now.minus(LIVENESS)));
            try (ResultSet rows = hosts.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != epoch) {
                        return -1;
                    }
                    lowest = Math.min(lowest, rows.getLong(2));
                }
            }
        }
        return lowest;
    }

    /** The last logged (or still pending: MAX_VALUE) position of each row's changes; see ReplicationHooks. */
    public static Map<String, Long> lastSequences(Connection shard, String table, Collection<String> keys) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement logged = shard.prepareStatement("SELECT ENTITY_KEY, MAX(SEQ) FROM REPL_LOG"
                    + " WHERE TABLE_NAME = ? AND ENTITY_KEY IN (" + marks + ") GROUP BY ENTITY_KEY")) {
                bind(logged, table, chunk);
                try (ResultSet rows = logged.executeQuery()) {
                    while (rows.next()) {
                        sequences.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            try (PreparedStatement pending = shard.prepareStatement("SELECT DISTINCT ENTITY_KEY FROM REPL_PENDING"
                    + " WHERE TABLE_NAME = ? AND ENTITY_KEY IN (" + marks + ")")) {
                bind(pending, table, chunk);
                try (ResultSet rows = pending.executeQuery()) {
                    while (rows.next()) {
                        sequences.put(rows.getString(1), Long.MAX_VALUE);
                    }
                }
            }
        }
        return sequences;
    }

    /** The live host with the smallest name in the cell, if any has reported lately. */
    public static java.util.Optional<String> cellLeader(Connection base, String cell, Instant now) throws SQLException {
        try (PreparedStatement select = base.prepareStatement("SELECT MIN(HOST_NAME) FROM REPL_HOST"
                + " WHERE CELL_NAME = ? AND REPORTED_AT > ?")) {
            select.setString(1, cell);
            select.setTimestamp(2, Timestamp.from(now.minus(LIVENESS)));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? java.util.Optional.ofNullable(row.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement statement, String table, List<String> keys) throws SQLException {
        statement.setString(1, table);
        for (int i = 0; i < keys.size(); i++) {
            statement.setString(i + 2, keys.get(i));
        }
    }

    /** Empties the store's pending events and log and starts a new epoch, in the caller's transaction. */
    public static void rollBack(Connection shard, StoreId store, Instant now) throws SQLException {
        try (PreparedStatement lock = shard.prepareStatement(
                "UPDATE REPL_PUBLISHER SET EPOCH = EPOCH + 1, LAST_SEQ = 0, UPDATED_AT = ? WHERE STORE_NAME = ?")) {
            lock.setTimestamp(1, Timestamp.from(now));
            lock.setString(2, store.name());
            lock.executeUpdate();
        }
        try (PreparedStatement pending = shard.prepareStatement("DELETE FROM REPL_PENDING");
                PreparedStatement log = shard.prepareStatement("DELETE FROM REPL_LOG")) {
            pending.executeUpdate();
            log.executeUpdate();
        }
    }

    /** Records how far this host has applied a store, in the base store's {@code REPL_HOST}. */
    public static void report(Connection base, String host, String cell, StoreId store, long epoch, long applied, Instant now)
            throws SQLException {
        try (PreparedStatement update = base.prepareStatement("UPDATE REPL_HOST SET CELL_NAME = ?, EPOCH = ?,"
                + " APPLIED_SEQ = ?, REPORTED_AT = ? WHERE HOST_NAME = ? AND STORE_NAME = ?")) {
            update.setString(1, cell);
            update.setLong(2, epoch);
            update.setLong(3, applied);
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, host);
            update.setString(6, store.name());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = base.prepareStatement("INSERT INTO REPL_HOST"
                + " (HOST_NAME, STORE_NAME, CELL_NAME, EPOCH, APPLIED_SEQ, REPORTED_AT) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, host);
            insert.setString(2, store.name());
            insert.setString(3, cell);
            insert.setLong(4, epoch);
            insert.setLong(5, applied);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException raced) {
            if (!"23505".equals(raced.getSQLState())) {
                throw raced;
            }
        }
    }
}
