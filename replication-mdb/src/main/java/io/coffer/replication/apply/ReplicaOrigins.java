package io.coffer.replication.apply;

import io.coffer.platform.failure.StoreFailures;
import io.coffer.replication.store.SqlNames;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which remote store each row of a local store came from ({@code REPL_ORIGIN}): rows of the base store and of shards
 * share tables, and rolling back one store's replication must remove exactly that store's rows.
 */
final class ReplicaOrigins {

    private ReplicaOrigins() {}

    static void inserted(Connection local, StoreId store, String table, String key) throws SQLException {
        try (PreparedStatement insert = local.prepareStatement(
                "INSERT INTO REPL_ORIGIN (TABLE_NAME, KEY_VALUE, STORE_NAME) VALUES (?, ?, ?)")) {
            insert.setString(1, table);
            insert.setString(2, key);
            insert.setString(3, store.name());
            insert.executeUpdate();
        } catch (SQLException duplicate) {
            if (!StoreFailures.isDuplicateKey(duplicate)) {
                throw duplicate;
            }
        }
    }

    static void deleted(Connection local, String table, String key) throws SQLException {
        try (PreparedStatement delete =
                local.prepareStatement("DELETE FROM REPL_ORIGIN WHERE TABLE_NAME = ? AND KEY_VALUE = ?")) {
            delete.setString(1, table);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    /** Removes every row this host holds from that store, in every table. @return how many rows went */
    static int dropReplica(Connection local, StoreId store) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select =
                local.prepareStatement("SELECT DISTINCT TABLE_NAME FROM REPL_ORIGIN WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        int removed = 0;
        for (String table : tables) {
            String key = primaryKeyColumn(local, table);
            try (PreparedStatement delete =
                    local.prepareStatement("DELETE FROM " + SqlNames.quoted(table) + " WHERE " + SqlNames.quoted(key)
                            + " IN (SELECT KEY_VALUE FROM REPL_ORIGIN WHERE TABLE_NAME = ? AND STORE_NAME = ?)")) {
                delete.setString(1, table);
                delete.setString(2, store.name());
                removed += delete.executeUpdate();
            }
        }
        try (PreparedStatement forget = local.prepareStatement("DELETE FROM REPL_ORIGIN WHERE STORE_NAME = ?")) {
            forget.setString(1, store.name());
            forget.executeUpdate();
        }
        return removed;
    }

    private static String primaryKeyColumn(Connection local, String table) throws SQLException {
        SqlNames.check(table);
        DatabaseMetaData metadata = local.getMetaData();
        try (ResultSet keys = metadata.getPrimaryKeys(null, null, table)) {
            if (!keys.next()) {
                throw new SQLException("table " + table + " has no primary key");
            }
            String column = keys.getString("COLUMN_NAME");
            if (keys.next()) {
                throw new SQLException(
                        "table " + table + " has a composite primary key; replicated entities have one key column");
            }
            return column;
        }
    }
}
