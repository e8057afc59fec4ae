package io.coffer.replication.migration;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.replication.store.RowImages;
import io.coffer.replication.store.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays one entity of a remote store into its replication log: a pending event holding the entity's current row,
 * written on the caller's connection to the store, so it commits with whatever else the caller commits (the backfill's
 * or the sweep's bookmark).
 *
 * <p>How a replayed row never overwrites a newer live change on a replica: the event first takes its place in the log
 * order (a pending row is inserted, which allocates its id, the order the publisher numbers events in), and only then
 * is the entity's row read and written into it. A live write locks the entity's row before it inserts its own pending
 * event (capture runs after the SQL write, in the same transaction). So a live change whose event is ordered before
 * the replay had its row lock before the replay's id was allocated: the replay's read waits for it to commit and
 * carries its state or a newer one. A live change ordered after the replay is applied after it on every host. Either
 * way the last event of the entity a host applies carries the newest row. No lock on the entity's row is held across
 * entities, so a customer's write never deadlocks with a replay.
 */
public final class EntityReplay {

    private static final String INSERT_PENDING =
            "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT)" + " VALUES (?, ?, ?, ?)";

    /** What a replay did. */
    public enum Outcome {
        /** The entity's current row is in the log now. */
        EMITTED,
        /** The entity is already in the log since live sync started: live sync owns it. */
        SKIPPED,
        /** The entity no longer exists on the remote store; nothing was written. */
        GONE
    }

    private EntityReplay() {}

    /** A backfill's replay: skips an entity that has an event (pending or logged) since live sync started. */
    public static Outcome backfill(Connection remote, String table, String keyColumn, String key, Instant now)
            throws SQLException {
        if (hasEvent(remote, table, key)) {
            return Outcome.SKIPPED;
        }
        return emitCurrent(remote, table, keyColumn, key, now);
    }

    /**
     * The sweep's repair: the entity's current row, or its delete when the remote store no longer has it, whatever
     * the log already holds.
     */
    public static Outcome repair(Connection remote, String table, String keyColumn, String key, Instant now)
            throws SQLException {
        long reserved = reserve(remote, table, key, now);
        Optional<RowChange> current = currentRow(remote, table, keyColumn, key);
        RowChange change = current.orElseGet(() -> deleteOf(table, keyColumn, key));
        fill(remote, reserved, change);
        return current.isPresent() ? Outcome.EMITTED : Outcome.GONE;
    }

    static Outcome emitCurrent(Connection remote, String table, String keyColumn, String key, Instant now)
            throws SQLException {
        return emitCurrent(remote, table, keyColumn, key, now, () -> {});
    }

    /** What a test runs between the event taking its place and the row being read: where a live write may land. */
    @FunctionalInterface
    interface Interleaving {
        void run() throws SQLException;
    }

    static Outcome emitCurrent(
            Connection remote, String table, String keyColumn, String key, Instant now, Interleaving interleaving)
            throws SQLException {
        long reserved = reserve(remote, table, key, now);
        interleaving.run();
        Optional<RowChange> current = currentRow(remote, table, keyColumn, key);
        if (current.isEmpty()) {
            release(remote, reserved);
            return Outcome.GONE;
        }
        fill(remote, reserved, current.get());
        return Outcome.EMITTED;
    }

    /** Whether the entity has an event since live sync: pending first, then logged (the publisher moves one to the other atomically). */
    static boolean hasEvent(Connection remote, String table, String key) throws SQLException {
        return exists(remote, "SELECT 1 FROM REPL_PENDING WHERE TABLE_NAME = ? AND ENTITY_KEY = ?", table, key)
                || exists(remote, "SELECT 1 FROM REPL_LOG WHERE TABLE_NAME = ? AND ENTITY_KEY = ?", table, key);
    }

    /** Takes the event's place in the log order: a pending row whose payload is filled in once the row is read. */
    static long reserve(Connection remote, String table, String key, Instant now) throws SQLException {
        try (PreparedStatement insert = remote.prepareStatement(INSERT_PENDING, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, table);
            insert.setString(2, key);
            insert.setString(3, RowChangeCodec.encode(deleteOf(table, "KEY", key)));
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet generated = insert.getGeneratedKeys()) {
                if (!generated.next()) {
                    throw new SQLException("the store gave the replayed event of " + table + " " + key + " no id");
                }
                return generated.getLong(1);
            }
        }
    }

    static void fill(Connection remote, long reserved, RowChange change) throws SQLException {
        try (PreparedStatement update = remote.prepareStatement("UPDATE REPL_PENDING SET PAYLOAD = ? WHERE ID = ?")) {
            update.setString(1, RowChangeCodec.encode(change));
            update.setLong(2, reserved);
            update.executeUpdate();
        }
    }

    private static void release(Connection remote, long reserved) throws SQLException {
        try (PreparedStatement delete = remote.prepareStatement("DELETE FROM REPL_PENDING WHERE ID = ?")) {
            delete.setLong(1, reserved);
            delete.executeUpdate();
        }
    }

    /** The entity's row as the store holds it now (committed: a row a writer holds is waited for). */
    static Optional<RowChange> currentRow(Connection remote, String table, String keyColumn, String key)
            throws SQLException {
        String sql = "SELECT * FROM " + SqlNames.quoted(table) + " WHERE " + SqlNames.quoted(keyColumn) + " = ?";
        try (PreparedStatement select = remote.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(RowImages.upsertOf(row, table, keyColumn));
            }
        }
    }

    static RowChange deleteOf(String table, String keyColumn, String key) {
        return new RowChange(table, Operation.DELETE, List.of(keyColumn), Map.of(keyColumn, key));
    }

    private static boolean exists(Connection connection, String sql, String table, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, table);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
