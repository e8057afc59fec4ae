package io.coffer.replication.apply;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.store.SqlNames;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one row change into a local store with plain SQL: a delete by key, or an update of the row that falls back
 * to an insert when the row is not there yet. Applying the same change twice leaves the same row.
 */
public final class LocalRowWriter {

    private LocalRowWriter() {}

    /** What applying a change did to the local store. */
    public enum Outcome {
        INSERTED,
        UPDATED,
        DELETED
    }

    public static Outcome apply(Connection connection, RowChange change) throws SQLException {
        SqlNames.check(change.table());
        if (change.table().startsWith("REPL_")) {
            throw new IllegalArgumentException("replication's own tables are never replicated: " + change.table());
        }
        change.columns().keySet().forEach(SqlNames::check);
        if (change.operation() == Operation.DELETE) {
            delete(connection, change);
            return Outcome.DELETED;
        }
        if (update(connection, change) == 0) {
            insert(connection, change);
            return Outcome.INSERTED;
        }
        return Outcome.UPDATED;
    }

    static String deleteSql(RowChange change) {
        return "DELETE FROM " + SqlNames.quoted(change.table()) + " WHERE " + keyCondition(change);
    }

    static String updateSql(RowChange change, List<String> valueColumns) {
        StringBuilder sql = new StringBuilder("UPDATE ")
                .append(SqlNames.quoted(change.table()))
                .append(" SET ");
        for (int i = 0; i < valueColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append(SqlNames.quoted(valueColumns.get(i)))
                    .append(" = ?");
        }
        return sql.append(" WHERE ").append(keyCondition(change)).toString();
    }

    static String insertSql(RowChange change) {
        List<String> columns = new ArrayList<>(change.columns().keySet());
        StringBuilder names = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            names.append(i == 0 ? "" : ", ").append(SqlNames.quoted(columns.get(i)));
            marks.append(i == 0 ? "?" : ", ?");
        }
        return "INSERT INTO " + SqlNames.quoted(change.table()) + " (" + names + ") VALUES (" + marks + ")";
    }

    private static void delete(Connection connection, RowChange change) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(deleteSql(change))) {
            int index = 1;
            for (String key : change.keyColumns()) {
                bind(statement, index++, change.columns().get(key));
            }
            statement.executeUpdate();
        }
    }

    private static int update(Connection connection, RowChange change) throws SQLException {
        List<String> valueColumns = change.columns().keySet().stream()
                .filter(column -> !change.keyColumns().contains(column))
                .toList();
        if (valueColumns.isEmpty()) {
            return exists(connection, change) ? 1 : 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(updateSql(change, valueColumns))) {
            int index = 1;
            for (String column : valueColumns) {
                bind(statement, index++, change.columns().get(column));
            }
            for (String key : change.keyColumns()) {
                bind(statement, index++, change.columns().get(key));
            }
            return statement.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, RowChange change) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM " + SqlNames.quoted(change.table()) + " WHERE " + keyCondition(change))) {
            int index = 1;
            for (String key : change.keyColumns()) {
                bind(statement, index++, change.columns().get(key));
            }
            return statement.executeQuery().next();
        }
    }

    private static void insert(Connection connection, RowChange change) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql(change))) {
            int index = 1;
            for (Object value : change.columns().values()) {
                bind(statement, index++, value);
            }
            statement.executeUpdate();
        }
    }

    private static String keyCondition(RowChange change) {
        StringBuilder condition = new StringBuilder();
        for (String key : change.keyColumns()) {
            condition
                    .append(condition.length() == 0 ? "" : " AND ")
                    .append(SqlNames.quoted(key))
                    .append(" = ?");
        }
        return condition.toString();
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setObject(index, null);
        } else if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof LocalDate date) {
            statement.setDate(index, Date.valueOf(date));
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else if (value instanceof BigDecimal number) {
            statement.setBigDecimal(index, number);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            statement.setString(index, value.toString());
        }
    }
}
