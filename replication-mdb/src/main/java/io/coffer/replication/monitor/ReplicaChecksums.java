package io.coffer.replication.monitor;

import io.coffer.replication.store.ColumnDigests;
import io.coffer.replication.store.SqlNames;
import io.coffer.replication.store.WholeRows;
import io.coffer.routing.entity.StoreId;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A checksum of what a store replicates: every row of its replicated tables, in key order, each column by name and
 * typed value. Computed the same way on the remote store and on a host's local store (there, over the rows that came
 * from that store), so equal checksums mean equal content.
 */
public final class ReplicaChecksums {

    /** Rows seen and their SHA-256. */
    public record Checksum(long rows, String sha256) {}

    private ReplicaChecksums() {}

    /** @param tables replicated table → its primary-key column */
    public static Checksum remote(Connection remote, Map<String, String> tables) throws SQLException {
        return checksum(remote, tables, null);
    }

    public static Checksum local(Connection local, StoreId store, Map<String, String> tables) throws SQLException {
        return checksum(local, tables, store);
    }

    private static Checksum checksum(Connection connection, Map<String, String> tables, StoreId originOf)
            throws SQLException {
        MessageDigest digest = ColumnDigests.sha256();
        long rows = 0;
        for (Map.Entry<String, String> table : tables.entrySet()) {
            String name = SqlNames.quoted(table.getKey());
            String key = SqlNames.quoted(table.getValue());
            String columns = WholeRows.selectList(connection, table.getKey(), "t");
            String sql = originOf == null
                    ? "SELECT " + columns + " FROM " + name + " t ORDER BY t." + key
                    : "SELECT " + columns + " FROM " + name + " t JOIN REPL_ORIGIN o ON o.TABLE_NAME = ?"
                            + " AND o.KEY_VALUE = t." + key + " AND o.STORE_NAME = ? ORDER BY t." + key;
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (originOf != null) {
                    select.setString(1, table.getKey());
                    select.setString(2, originOf.name());
                }
                try (ResultSet result = select.executeQuery()) {
                    ResultSetMetaData metadata = result.getMetaData();
                    while (result.next()) {
                        rows++;
                        ColumnDigests.text(digest, table.getKey());
                        ColumnDigests.row(digest, WholeRows.values(result, metadata));
                    }
                }
            }
        }
        return new Checksum(rows, HexFormat.of().formatHex(digest.digest()));
    }
}
