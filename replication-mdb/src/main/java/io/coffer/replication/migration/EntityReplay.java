package io.coffer.replication.migration;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.replication.store.RowImages;
import io.coffer.replication.store.SqlNames;
import io.coffer.replication.store.WholeRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
 *
 * <p>A backfill replays a run of consecutive keys at once ({@link #backfill(Connection, String, String, List,
 * Instant)}) by the same rule in a handful of statements instead of five per entity: every reservation is inserted
 * before any of the run's rows is read, so each entity's read still comes after its place in the log order. A
 * reservation carries a table name of its own call ({@code REPLAY <nonce>}) until it is filled: it is how the call
 * finds the ids of its reservations (an uncommitted row no other transaction reads), and it never commits, because
 * the reservations are filled or released before the call returns.
 */
public final class EntityReplay {

    private static final String INSERT_PENDING =
            "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT)" + " VALUES (?, ?, ?, ?)";

    /** What a backfill's replay of a run of keys did. */
    public record Replayed(long emitted, long skipped, long gone) {}

    /** What a replay did. */
    public enum Outcome {
        /** The entity's current row is in the log now. */
        EMITTED,
        /** The entity no longer exists on the remote store; nothing was written. */
        GONE
    }

    private EntityReplay() {}

    /**
     * The sweep's repair: the entity's current row, or its delete when the remote store no longer has it, whatever
     * the log already holds.
     */
    public static Outcome repair(Connection remote, String table, String keyColumn, String key, Instant now)
            throws SQLException {
        return repair(remote, table, keyColumn, key, now, () -> {});
    }

    static Outcome repair(
            Connection remote, String table, String keyColumn, String key, Instant now, Interleaving interleaving)
            throws SQLException {
        long reserved = reserve(remote, table, key, now);
        interleaving.run();
        Optional<RowChange> current = currentRow(remote, table, keyColumn, key);
        RowChange change = current.orElseGet(() -> deleteOf(table, keyColumn, key));
        fill(remote, reserved, change);
        return current.isPresent() ? Outcome.EMITTED : Outcome.GONE;
    }

    /**
     * A backfill's replay of consecutive keys of one table, in the store's key order (as {@link TableKeys#after}
     * walks them): skips every entity with an event since live sync started, and replays the others by the rule of
     * {@link #repair}, in a few statements for the whole run.
     */
    public static Replayed backfill(Connection remote, String table, String keyColumn, List<String> keys, Instant now)
            throws SQLException {
        return backfill(remote, table, keyColumn, keys, now, () -> {});
    }

    static Replayed backfill(
            Connection remote,
            String table,
            String keyColumn,
            List<String> keys,
            Instant now,
            Interleaving interleaving)
            throws SQLException {
        if (keys.isEmpty()) {
            return new Replayed(0, 0, 0);
        }
        Set<String> owned = withEvents(remote, table, keys);
        List<String> replayed =
                keys.stream().filter(key -> !owned.contains(key)).toList();
        if (replayed.isEmpty()) {
            return new Replayed(0, keys.size(), 0);
        }
        Map<String, Long> reserved = reserveAll(remote, table, replayed, now);
        interleaving.run();
        Map<String, RowChange> rows = currentRows(remote, table, keyColumn, keys.get(0), keys.get(keys.size() - 1));
        long gone = 0;
        try (PreparedStatement fill =
                        remote.prepareStatement("UPDATE REPL_PENDING SET TABLE_NAME = ?, PAYLOAD = ? WHERE ID = ?");
                PreparedStatement release = remote.prepareStatement("DELETE FROM REPL_PENDING WHERE ID = ?")) {
            for (Map.Entry<String, Long> reservation : reserved.entrySet()) {
                RowChange row = rows.get(reservation.getKey());
                if (row == null) {
                    release.setLong(1, reservation.getValue());
                    release.addBatch();
                    gone++;
                } else {
                    fill.setString(1, table);
                    fill.setString(2, RowChangeCodec.encode(row));
                    fill.setLong(3, reservation.getValue());
                    fill.addBatch();
                }
            }
            if (gone < reserved.size()) {
                fill.executeBatch();
            }
            if (gone > 0) {
                release.executeBatch();
            }
        }
        return new Replayed(replayed.size() - gone, keys.size() - replayed.size(), gone);
    }

    /**
     * Which of the keys have an event (pending or logged) since live sync started: one index range scan per table of
     * events, over the keys' span in text order (a superset of the keys, whatever the key column's type), instead of
     * an IN list, which Derby evaluated row by row over every event of the table (the log grows with the backfill).
     * The stores compare text by code point, as {@link String#compareTo} does; were they not, a key outside the span
     * would only be replayed although live sync owns it, which the replay rule keeps harmless.
     */
    static Set<String> withEvents(Connection remote, String table, List<String> keys) throws SQLException {
        String lowest = java.util.Collections.min(keys);
        String highest = java.util.Collections.max(keys);
        Set<String> wanted = new HashSet<>(keys);
        Set<String> owned = new HashSet<>();
        for (String events : List.of("REPL_PENDING", "REPL_LOG")) {
            try (PreparedStatement select = remote.prepareStatement("SELECT ENTITY_KEY FROM " + events
                    + " WHERE TABLE_NAME = ? AND ENTITY_KEY >= ? AND ENTITY_KEY <= ?")) {
                select.setString(1, table);
                select.setString(2, lowest);
                select.setString(3, highest);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String key = rows.getString(1);
                        if (wanted.contains(key)) {
                            owned.add(key);
                        }
                    }
                }
            }
        }
        return owned;
    }

    /**
     * Takes the places of the keys' events in the log order, in one batch; answers each key's reservation id. The
     * reservations carry a table name of this call alone until they are filled, by which this call finds them.
     */
    private static Map<String, Long> reserveAll(Connection remote, String table, List<String> keys, Instant now)
            throws SQLException {
        String marker = "REPLAY " + UUID.randomUUID();
        String placeholder = RowChangeCodec.encode(deleteOf(table, "KEY", ""));
        try (PreparedStatement insert = remote.prepareStatement(INSERT_PENDING)) {
            for (String key : keys) {
                insert.setString(1, marker);
                insert.setString(2, key);
                insert.setString(3, placeholder);
                insert.setTimestamp(4, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> reserved = new LinkedHashMap<>();
        try (PreparedStatement select =
                remote.prepareStatement("SELECT ENTITY_KEY, ID FROM REPL_PENDING WHERE TABLE_NAME = ?")) {
            select.setString(1, marker);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reserved.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        if (reserved.size() != keys.size()) {
            throw new SQLException("the store gave " + reserved.size() + " of " + keys.size() + " replayed events of "
                    + table + " an id");
        }
        return reserved;
    }

    /** The rows with keys in [{@code first}, {@code last}] as the store holds them now, by key. */
    static Map<String, RowChange> currentRows(
            Connection remote, String table, String keyColumn, String first, String last) throws SQLException {
        String key = SqlNames.quoted(keyColumn);
        String sql = "SELECT " + WholeRows.selectList(remote, table, "t") + " FROM " + SqlNames.quoted(table)
                + " t WHERE t." + key + " >= ? AND t." + key + " <= ?";
        Map<String, RowChange> rows = new HashMap<>();
        try (PreparedStatement select = remote.prepareStatement(sql)) {
            select.setString(1, first);
            select.setString(2, last);
            try (ResultSet row = select.executeQuery()) {
                ResultSetMetaData columns = row.getMetaData();
                while (row.next()) {
                    rows.put(row.getString(keyColumn), RowImages.upsertOf(row, columns, table, keyColumn));
                }
            }
        }
        return rows;
    }

    /** What a test runs between the event taking its place and the row being read: where a live write may land. */
    @FunctionalInterface
    interface Interleaving {
        void run() throws SQLException;
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

    /** The entity's row as the store holds it now (committed: a row a writer holds is waited for). */
    static Optional<RowChange> currentRow(Connection remote, String table, String keyColumn, String key)
            throws SQLException {
        String sql = "SELECT " + WholeRows.selectList(remote, table, "t") + " FROM " + SqlNames.quoted(table)
                + " t WHERE t." + SqlNames.quoted(keyColumn) + " = ?";
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
}
