package io.coffer.replication.control;

import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers whether a row's latest change has reached every live host of a cell: the change's sequence number in the
 * store's log against the positions hosts report in the base store's {@code REPL_HOST}. A host that has not reported
 * for {@link #LIVENESS} is not counted (it catches up before it serves local reads again).
 */
final class ReplicationProgress {

    static final Duration LIVENESS = Duration.ofSeconds(20);

    private ReplicationProgress() {
    }

    static boolean appliedByEveryHost(Connection shard, Connection base, StoreId store, String cell, String table,
            String key, Instant now) throws SQLException {
        try (PreparedStatement pending = shard.prepareStatement(
                "SELECT 1 FROM REPL_PENDING WHERE TABLE_NAME = ? AND ENTITY_KEY = ?")) {
            pending.setString(1, table);
            pending.setString(2, key);
            pending.setMaxRows(1);
            try (ResultSet row = pending.executeQuery()) {
                if (row.next()) {
                    return false;
                }
            }
        }
        long sequence;
        try (PreparedStatement logged = shard.prepareStatement(
                "SELECT MAX(SEQ) FROM REPL_LOG WHERE TABLE_NAME = ? AND ENTITY_KEY = ?")) {
            logged.setString(1, table);
            logged.setString(2, key);
            try (ResultSet row = logged.executeQuery()) {
                row.next();
                sequence = row.getLong(1);
                if (row.wasNull()) {
                    return true;
                }
            }
        }
        long epoch = RemoteLog.head(shard, store).epoch();
        try (PreparedStatement hosts = base.prepareStatement("SELECT EPOCH, APPLIED_SEQ FROM REPL_HOST"
                + " WHERE STORE_NAME = ? AND CELL_NAME = ? AND REPORTED_AT > ?")) {
            hosts.setString(1, store.name());
            hosts.setString(2, cell);
            hosts.setTimestamp(3, Timestamp.from(now.minus(LIVENESS)));
            try (ResultSet rows = hosts.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != epoch || rows.getLong(2) < sequence) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Empties the store's pending events and log and starts a new epoch, in the caller's transaction. */
    static void rollBack(Connection shard, StoreId store, Instant now) throws SQLException {
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
    static void report(Connection base, String host, String cell, StoreId store, long epoch, long applied, Instant now)
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
