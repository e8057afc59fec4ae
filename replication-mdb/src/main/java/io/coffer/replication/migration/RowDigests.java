package io.coffer.replication.migration;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Digests of the rows of one key range of a replicated table, each over its columns by name and typed value (as the
 * store checksum of {@code ReplicaChecksums} is), on the remote store or on a host's local store (there, only rows
 * that came from that store). Equal digests mean equal rows.
 */
final class RowDigests {

    private RowDigests() {}

    /** Key → row digest for keys in ({@code after}, {@code upTo}]; either bound may be null (open). */
    static Map<String, String> of(
            Connection connection, String table, String keyColumn, String after, String upTo, StoreId originOf)
            throws SQLException {
        return of(connection, table, keyColumn, after, upTo, null, originOf);
    }

    /** The digest of the one row with this key, if there is one: what the live verifier compares. */
    static Optional<String> ofKey(Connection connection, String table, String keyColumn, String key, StoreId originOf)
            throws SQLException {
        return Optional.ofNullable(
                of(connection, table, keyColumn, null, null, key, originOf).get(key));
    }

    private static Map<String, String> of(
            Connection connection,
            String table,
            String keyColumn,
            String after,
            String upTo,
            String exactly,
            StoreId originOf)
            throws SQLException {
        String key = "t." + SqlNames.quoted(keyColumn);
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(WholeRows.selectList(connection, table, "t"))
                .append(" FROM ")
                .append(SqlNames.quoted(table))
                .append(" t");
        if (originOf != null) {
            sql.append(" JOIN REPL_ORIGIN o ON o.TABLE_NAME = ? AND o.KEY_VALUE = ")
                    .append(key)
                    .append(" AND o.STORE_NAME = ?");
        }
        sql.append(" WHERE 1 = 1");
        if (after != null) {
            sql.append(" AND ").append(key).append(" > ?");
        }
        if (upTo != null) {
            sql.append(" AND ").append(key).append(" <= ?");
        }
        if (exactly != null) {
            sql.append(" AND ").append(key).append(" = ?");
        }
        sql.append(" ORDER BY ").append(key);
        Map<String, String> digests = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (originOf != null) {
                select.setString(index++, table);
                select.setString(index++, originOf.name());
            }
            if (after != null) {
                select.setString(index++, after);
            }
            if (upTo != null) {
                select.setString(index++, upTo);
            }
            if (exactly != null) {
                select.setString(index, exactly);
            }
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    MessageDigest digest = ColumnDigests.sha256();
                    for (Map.Entry<String, Object> column : new TreeMap<>(WholeRows.values(rows, columns)).entrySet()) {
                        ColumnDigests.column(digest, column.getKey(), column.getValue());
                    }
                    digests.put(rows.getString(keyColumn), HexFormat.of().formatHex(digest.digest()));
                }
            }
        }
        return digests;
    }

    /** One digest of a whole range: compared first, so that rows are compared only where a range differs. */
    static String ofRange(Map<String, String> rows) {
        MessageDigest digest = ColumnDigests.sha256();
        rows.forEach((key, row) -> {
            ColumnDigests.text(digest, key);
            ColumnDigests.text(digest, row);
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
