package io.coffer.replication.migration;

import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A store's {@code REPL_MIGRATION} rows: read, locked for a step, and written back in the step's transaction. */
final class WorkRows {

    private static final String COLUMNS = "RUN, STATE, TABLE_NAME, LAST_KEY, PROCESSED, TOTAL, SKIPPED, DISCREPANCIES,"
            + " REPAIRED, RATE, LEASE_HOLDER, LEASE_UNTIL, STARTED_AT, UPDATED_AT";

    private WorkRows() {}

    static Optional<WorkRow> read(Connection remote, StoreId store, WorkKind kind) throws SQLException {
        try (PreparedStatement select = remote.prepareStatement(
                "SELECT " + COLUMNS + " FROM REPL_MIGRATION WHERE STORE_NAME = ? AND KIND = ?")) {
            select.setString(1, store.name());
            select.setString(2, kind.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorkRow(
                        kind,
                        row.getLong(1),
                        "DONE".equals(row.getString(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getLong(5),
                        row.getLong(6),
                        row.getLong(7),
                        row.getLong(8),
                        row.getLong(9),
                        row.getDouble(10),
                        row.getString(11),
                        instant(row.getTimestamp(12)),
                        instant(row.getTimestamp(13)),
                        instant(row.getTimestamp(14))));
            }
        }
    }

    /**
     * The work row of this run, locked until the transaction ends; a missing row, or one of an earlier run (discarded
     * by a rollback), is started afresh with the store's current row count as its total. Empty when the row belongs
     * to a later run: the caller read its run before a rollback and must not start the old run again over the new
     * one's progress (run numbers only grow).
     */
    static Optional<WorkRow> lockCurrent(
            Connection remote, StoreId store, WorkKind kind, long run, Map<String, String> tables, Instant now)
            throws SQLException {
        if (!lock(remote, store, kind)) {
            WorkRow started = WorkRow.start(kind, run, TableKeys.count(remote, tables), now);
            insert(remote, store, started);
            return Optional.of(started);
        }
        WorkRow row = read(remote, store, kind).orElseThrow();
        if (row.run() > run) {
            return Optional.empty();
        }
        if (row.run() < run) {
            WorkRow started = WorkRow.start(kind, run, TableKeys.count(remote, tables), now);
            update(remote, store, started);
            return Optional.of(started);
        }
        return Optional.of(row);
    }

    /** Locks the row until the transaction ends; false if there is none yet. */
    static boolean lock(Connection remote, StoreId store, WorkKind kind) throws SQLException {
        try (PreparedStatement touch =
                remote.prepareStatement("UPDATE REPL_MIGRATION SET RUN = RUN WHERE STORE_NAME = ? AND KIND = ?")) {
            touch.setString(1, store.name());
            touch.setString(2, kind.name());
            return touch.executeUpdate() == 1;
        }
    }

    static void insert(Connection remote, StoreId store, WorkRow row) throws SQLException {
        try (PreparedStatement insert = remote.prepareStatement("INSERT INTO REPL_MIGRATION (STORE_NAME, KIND, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, store.name());
            insert.setString(2, row.kind().name());
            bind(insert, 3, row);
            insert.executeUpdate();
        }
    }

    static void update(Connection remote, StoreId store, WorkRow row) throws SQLException {
        try (PreparedStatement update = remote.prepareStatement("UPDATE REPL_MIGRATION SET RUN = ?, STATE = ?,"
                + " TABLE_NAME = ?, LAST_KEY = ?, PROCESSED = ?, TOTAL = ?, SKIPPED = ?, DISCREPANCIES = ?,"
                + " REPAIRED = ?, RATE = ?, LEASE_HOLDER = ?, LEASE_UNTIL = ?, STARTED_AT = ?, UPDATED_AT = ?"
                + " WHERE STORE_NAME = ? AND KIND = ?")) {
            int next = bind(update, 1, row);
            update.setString(next, store.name());
            update.setString(next + 1, row.kind().name());
            update.executeUpdate();
        }
    }

    private static int bind(PreparedStatement statement, int first, WorkRow row) throws SQLException {
        int i = first;
        statement.setLong(i++, row.run());
        statement.setString(i++, row.done() ? "DONE" : "RUNNING");
        statement.setString(i++, row.table());
        statement.setString(i++, row.lastKey());
        statement.setLong(i++, row.processed());
        statement.setLong(i++, row.total());
        statement.setLong(i++, row.skipped());
        statement.setLong(i++, row.discrepancies());
        statement.setLong(i++, row.repaired());
        statement.setDouble(i++, row.rate());
        statement.setString(i++, row.leaseHolder());
        statement.setTimestamp(i++, row.leaseUntil() == null ? null : Timestamp.from(row.leaseUntil()));
        statement.setTimestamp(i++, Timestamp.from(row.startedAt()));
        statement.setTimestamp(i++, Timestamp.from(row.updatedAt()));
        return i;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
