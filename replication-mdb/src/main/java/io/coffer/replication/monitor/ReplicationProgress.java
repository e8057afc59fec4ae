package io.coffer.replication.monitor;

import io.coffer.platform.failure.StoreFailures;
import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.control.AppliedEverywhere;
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
import java.util.Optional;

/**
 * Answers how far a cell's hosts have replicated: the positions hosts report in the base store's {@code REPL_HOST}
 * against where rows' last changes sit in a store's log. A host that has not reported
 * for {@link #LIVENESS} is not counted (it catches up before it serves local reads again).
 */
public final class ReplicationProgress {

    static final Duration LIVENESS = Duration.ofSeconds(20);

    private ReplicationProgress() {}

    /**
     * Which of these rows of a table of the store every live host of the cell has applied; see {@link
     * AppliedEverywhere}. The hosts' positions are read before the rows' last changes, so a change logged in between
     * counts as not applied yet rather than as applied.
     */
    public static AppliedEverywhere appliedEverywhere(
            Connection remote,
            Connection base,
            StoreId store,
            String cell,
            String table,
            Collection<String> keys,
            Instant now)
            throws SQLException {
        long applied = appliedByEveryHost(remote, base, store, cell, now);
        return new AppliedEverywhere(applied, lastSequences(remote, table, keys));
    }

    /**
     * The lowest position live hosts of the cell applied in the store's current epoch: {@code Long.MAX_VALUE} when no
     * host is live, -1 when a live host still follows an older epoch. A null cell counts the live hosts of every cell
     * (the base store, which every cell replicates).
     */
    public static long appliedByEveryHost(Connection shard, Connection base, StoreId store, String cell, Instant now)
            throws SQLException {
        long epoch = RemoteLog.head(shard, store).epoch();
        long lowest = Long.MAX_VALUE;
        try (PreparedStatement hosts = base.prepareStatement("SELECT EPOCH, APPLIED_SEQ FROM REPL_HOST"
                + " WHERE STORE_NAME = ? AND REPORTED_AT > ?" + (cell == null ? "" : " AND CELL_NAME = ?"))) {
            hosts.setString(1, store.name());
            hosts.setTimestamp(2, Timestamp.from(now.minus(LIVENESS)));
            if (cell != null) {
                hosts.setString(3, cell);
            }
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

    /**
     * The log position of each row's last change in the store's current epoch ({@code Long.MAX_VALUE} while a change
     * is still pending); rows never logged are absent.
     */
    public static Map<String, Long> lastSequences(Connection shard, String table, Collection<String> keys)
            throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        if (keys.isEmpty()) {
            return sequences;
        }
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

    /**
     * The live host with the smallest name in the cell (in every cell when {@code cell} is null), if any has reported
     * lately.
     */
    public static Optional<String> cellLeader(Connection base, String cell, Instant now) throws SQLException {
        try (PreparedStatement select = base.prepareStatement("SELECT MIN(HOST_NAME) FROM REPL_HOST"
                + " WHERE REPORTED_AT > ?" + (cell == null ? "" : " AND CELL_NAME = ?"))) {
            select.setTimestamp(1, Timestamp.from(now.minus(LIVENESS)));
            if (cell != null) {
                select.setString(2, cell);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement statement, String table, List<String> keys) throws SQLException {
        statement.setString(1, table);
        for (int i = 0; i < keys.size(); i++) {
            statement.setString(i + 2, keys.get(i));
        }
    }

    /**
     * The live hosts of a cell that other cells can reach, by name, with their cell-internal URLs: those that reported
     * within {@link #LIVENESS} (a host reports the base store, which every host replicates, at least every few
     * seconds).
     */
    public static List<CellMember> cellMembers(Connection base, String cell, Instant now) throws SQLException {
        List<CellMember> members = new ArrayList<>();
        try (PreparedStatement select = base.prepareStatement("SELECT HOST_NAME, MAX(CELL_URL) FROM REPL_HOST"
                + " WHERE CELL_NAME = ? AND REPORTED_AT > ? AND CELL_URL IS NOT NULL"
                + " GROUP BY HOST_NAME ORDER BY HOST_NAME")) {
            select.setString(1, cell);
            select.setTimestamp(2, Timestamp.from(now.minus(LIVENESS)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(new CellMember(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return members;
    }

    /** A host of a cell and its cell-internal listener's URL. */
    public record CellMember(String host, String cellUrl) {}

    /**
     * Records how far this host has applied a store, in the base store's {@code REPL_HOST}, with where other cells
     * reach it ({@code cellUrl}, null when it has no cell-internal listener).
     */
    public static void report(
            Connection base,
            String host,
            String cell,
            String cellUrl,
            StoreId store,
            long epoch,
            long applied,
            Instant now)
            throws SQLException {
        try (PreparedStatement update = base.prepareStatement("UPDATE REPL_HOST SET CELL_NAME = ?, EPOCH = ?,"
                + " APPLIED_SEQ = ?, REPORTED_AT = ?, CELL_URL = ? WHERE HOST_NAME = ? AND STORE_NAME = ?")) {
            update.setString(1, cell);
            update.setLong(2, epoch);
            update.setLong(3, applied);
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, cellUrl);
            update.setString(6, host);
            update.setString(7, store.name());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = base.prepareStatement("INSERT INTO REPL_HOST (HOST_NAME, STORE_NAME,"
                + " CELL_NAME, EPOCH, APPLIED_SEQ, REPORTED_AT, CELL_URL) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, host);
            insert.setString(2, store.name());
            insert.setString(3, cell);
            insert.setLong(4, epoch);
            insert.setLong(5, applied);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setString(7, cellUrl);
            insert.executeUpdate();
        } catch (SQLException raced) {
            if (!StoreFailures.isDuplicateKey(raced)) {
                throw raced;
            }
        }
    }
}
