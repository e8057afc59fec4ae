package io.coffer.replication.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Whether a remote store's replication log carries every row the store holds. It does for a store whose writes were
 * captured from the first one (a fresh install): such a store has nothing to backfill, so its migration starts
 * switched over. A row the log does not name was written before capture (or survived a rollback that emptied the
 * log), and only a backfill brings it to the replicas.
 */
final class LogCoverage {

    private LogCoverage() {}

    /** @return a table holding a row that neither the log nor the pending events name; empty when there is none */
    static Optional<String> firstUncoveredTable(Connection remote, SortedMap<String, String> tables)
            throws SQLException {
        for (Map.Entry<String, String> table : tables.entrySet()) {
            // Names from the store unit's metadata, never from a request.
            String key = "t." + table.getValue();
            String sql = "SELECT 1 FROM " + table.getKey() + " t"
                    + " WHERE NOT EXISTS (SELECT 1 FROM REPL_LOG l WHERE l.TABLE_NAME = ? AND l.ENTITY_KEY = " + key
                    + ") AND NOT EXISTS (SELECT 1 FROM REPL_PENDING p WHERE p.TABLE_NAME = ? AND p.ENTITY_KEY = "
                    + key + ") FETCH FIRST 1 ROWS ONLY";
            try (PreparedStatement uncovered = remote.prepareStatement(sql)) {
                uncovered.setString(1, table.getKey());
                uncovered.setString(2, table.getKey());
                try (ResultSet row = uncovered.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(table.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
