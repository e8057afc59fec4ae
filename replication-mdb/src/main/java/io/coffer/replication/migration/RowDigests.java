package io.coffer.replication.migration;

import io.coffer.replication.store.ColumnDigests;
import io.coffer.replication.store.SqlNames;
import io.coffer.routing.entity.StoreId;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        StringBuilder sql = new StringBuilder("SELECT t.* FROM ")
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
                List<Integer> order = new ArrayList<>();
                int keyIndex = 0;
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    order.add(i);
                    if (columns.getColumnName(i).equals(keyColumn)) {
                        keyIndex = i;
                    }
                }
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    names.add(columns.getColumnName(i));
                }
                order.sort(Comparator.comparing(i -> names.get(i - 1)));
                while (rows.next()) {
                    MessageDigest digest = ColumnDigests.sha256();
                    for (int column : order) {
                        ColumnDigests.column(digest, names.get(column - 1), rows.getObject(column));
                    }
                    digests.put(rows.getString(keyIndex), HexFormat.of().formatHex(digest.digest()));
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
