package io.coffer.routing.control;

import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One plain (non-XA, auto-commit) connection to the local store with the statements prepared on it, kept for as
 * long as the connection lives. Used by one thread at a time (it is taken from {@link LocalStoreConnections} and
 * given back); after a failure it is {@link #broken()} and is closed rather than given back.
 */
public final class LocalConnection implements LocalRows, AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean broken;

    public LocalConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> Optional<T> one(String sql, String key, Function<StoredRow, T> mapping) {
        List<T> found = all(sql, key, mapping);
        if (found.size() > 1) {
            throw new PersistenceException(sql + " found " + found.size() + " rows for one key");
        }
        return found.stream().findFirst();
    }

    @Override
    public <T> List<T> all(String sql, String key, Function<StoredRow, T> mapping) {
        try {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            statement.setString(1, key);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetRow row = new ResultSetRow(result);
                while (result.next()) {
                    rows.add(mapping.apply(row));
                }
            }
            return rows;
        } catch (SQLException failure) {
            broken = true;
            throw new PersistenceException("local store read failed: " + failure.getMessage(), failure);
        } catch (ColumnFailure failure) {
            broken = true;
            throw new PersistenceException(
                    "local store read failed: " + failure.getCause().getMessage(), failure.getCause());
        }
    }

    /** Whether a statement failed on it: it is not reused (its state is unknown). */
    boolean broken() {
        return broken;
    }

    /** Closes the statements and the connection; failures to close are of no use to anyone here. */
    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing the connection below releases it anyway
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }

    /** The current row of a result set, by column name. */
    private static final class ResultSetRow implements StoredRow {

        private final ResultSet result;

        ResultSetRow(ResultSet result) {
            this.result = result;
        }

        @Override
        public String text(String column) {
            try {
                return result.getString(column);
            } catch (SQLException failure) {
                throw new ColumnFailure(failure);
            }
        }

        @Override
        public long number(String column) {
            try {
                return result.getLong(column);
            } catch (SQLException failure) {
                throw new ColumnFailure(failure);
            }
        }

        @Override
        public boolean flag(String column) {
            try {
                return result.getBoolean(column);
            } catch (SQLException failure) {
                throw new ColumnFailure(failure);
            }
        }

        @Override
        public Instant instant(String column) {
            try {
                long millis = result.getLong(column);
                return result.wasNull() ? null : Instant.ofEpochMilli(millis);
            } catch (SQLException failure) {
                throw new ColumnFailure(failure);
            }
        }

        @Override
        public byte[] bytes(String column) {
            try {
                return result.getBytes(column);
            } catch (SQLException failure) {
                throw new ColumnFailure(failure);
            }
        }
    }

    /** A column that could not be read, carried out of a mapping function (which cannot throw SQLException). */
    private static final class ColumnFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ColumnFailure(SQLException cause) {
            super(cause);
        }
    }
}
