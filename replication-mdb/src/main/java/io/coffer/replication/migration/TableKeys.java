package io.coffer.replication.migration;

import io.coffer.replication.store.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The keys of a replicated table, walked in key order from a bookmark: how the backfill and the sweep page. */
final class TableKeys {

    private TableKeys() {}

    /** Up to {@code limit} keys after {@code afterKey} (from the start when null), in key order. */
    static List<String> after(Connection store, String table, String keyColumn, String afterKey, int limit)
            throws SQLException {
        String key = SqlNames.quoted(keyColumn);
        String sql =
                "SELECT " + key + " FROM " + SqlNames.quoted(table) + (afterKey == null ? "" : " WHERE " + key + " > ?")
                        + " ORDER BY " + key + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
        List<String> keys = new ArrayList<>();
        try (PreparedStatement select = store.prepareStatement(sql)) {
            if (afterKey != null) {
                select.setString(1, afterKey);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        return keys;
    }

    /** How many rows the replicated tables hold: the total a backfill or sweep has to go through. */
    static long count(Connection store, Map<String, String> tables) throws SQLException {
        long total = 0;
        for (String table : tables.keySet()) {
            try (PreparedStatement count = store.prepareStatement("SELECT COUNT(*) FROM " + SqlNames.quoted(table));
                    ResultSet row = count.executeQuery()) {
                row.next();
                total += row.getLong(1);
            }
        }
        return total;
    }

    /** The table after {@code table} in the tables' order, or the first when null; null after the last. */
    static String nextTable(java.util.SortedMap<String, String> tables, String table) {
        if (table == null) {
            return tables.isEmpty() ? null : tables.firstKey();
        }
        return tables.tailMap(table + "\u0000").isEmpty()
                ? null
                : tables.tailMap(table + "\u0000").firstKey();
    }
}
