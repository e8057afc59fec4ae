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
import java.util.ArrayList;
import java.util.HashMap;
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
        Map<String, String> origins = originOf == null ? null : origins(connection, table, after, upTo, exactly);
        String key = "t." + SqlNames.quoted(keyColumn);
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(WholeRows.selectList(connection, table, "t"))
                .append(" FROM ")
                .append(SqlNames.quoted(table))
                .append(" t WHERE 1 = 1");
        List<String> bounds = new ArrayList<>();
        bound(sql, bounds, key + " > ?", after);
        bound(sql, bounds, key + " <= ?", upTo);
        bound(sql, bounds, key + " = ?", exactly);
        sql.append(" ORDER BY ").append(key);
        Map<String, String> digests = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < bounds.size(); i++) {
                select.setString(i + 1, bounds.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    String rowKey = rows.getString(keyColumn);
                    if (origins != null && !originOf.name().equals(origins.get(rowKey))) {
                        continue;
                    }
                    MessageDigest digest = ColumnDigests.sha256();
                    ColumnDigests.row(digest, WholeRows.values(rows, columns));
                    digests.put(rowKey, HexFormat.of().formatHex(digest.digest()));
                }
            }
        }
        return digests;
    }

    /**
     * Key → the remote store a local row came from, for the same keys: a range scan of {@code REPL_ORIGIN}'s primary
     * key, read apart from the rows. Joined to them in one statement, Derby drove the join from the origin index of
     * the store and table (every row of the table) and sorted the result: a range cost what the whole table did.
     */
    private static Map<String, String> origins(
            Connection local, String table, String after, String upTo, String exactly) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT KEY_VALUE, STORE_NAME FROM REPL_ORIGIN WHERE TABLE_NAME = ?");
        List<String> bounds = new ArrayList<>(List.of(table));
        bound(sql, bounds, "KEY_VALUE > ?", after);
        bound(sql, bounds, "KEY_VALUE <= ?", upTo);
        bound(sql, bounds, "KEY_VALUE = ?", exactly);
        Map<String, String> origins = new HashMap<>();
        try (PreparedStatement select = local.prepareStatement(sql.toString())) {
            for (int i = 0; i < bounds.size(); i++) {
                select.setString(i + 1, bounds.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    origins.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return origins;
    }

    private static void bound(StringBuilder sql, List<String> values, String condition, String value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }
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
