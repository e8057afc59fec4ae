package io.coffer.replication.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reads whole rows of a replicated table (what {@code SELECT *} gives) with their large objects in the row where the
 * store can send them so.
 *
 * <p>Why: through the Derby network client, every BLOB or CLOB value of a result comes as a locator, and reading it
 * costs two more round trips to the server (its length, then its bytes). A {@code SECRET_VERSION} row, which holds
 * its encrypted content in a BLOB, cost about 40 times a row without one (10,000 rows: 1.3 s against 0.03 s,
 * bench/README): that was most of the migration's sweep and much of its backfill. So a CLOB of up to
 * {@value #INLINE_LIMIT} characters is read as a {@code CAST} to {@code VARCHAR}, and a BLOB of up to that many bytes
 * through {@value #BLOB_BYTES} ({@link StoreFunctions#blobBytes}), when the store's server can run it; a larger value
 * still comes by locator, in a second column of the select list that {@link #values} folds back.
 */
public final class WholeRows {

    private static final Logger LOG = Logger.getLogger(WholeRows.class.getName());

    /** Coffer's function on the remote stores: a BLOB as {@code VARCHAR FOR BIT DATA} (created with their tables). */
    static final String BLOB_BYTES = "COFFER_BLOB_BYTES";

    static final String CREATE_BLOB_BYTES = "CREATE FUNCTION " + BLOB_BYTES + "(VAL BLOB)"
            + " RETURNS VARCHAR(32672) FOR BIT DATA LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL"
            + " RETURNS NULL ON NULL INPUT EXTERNAL NAME '" + StoreFunctions.class.getName() + ".blobBytes'";

    /** The longest VARCHAR (FOR BIT DATA) Derby has. */
    static final int INLINE_LIMIT = 32_672;

    /** The second column of a large object, read only when the value is too long for the first. */
    private static final String BY_LOCATOR = "__BY_LOCATOR";

    /**
     * How long what was learnt of a store is kept: its tables' columns (a deploy may add one) and whether its server
     * runs the function (a server started by an older {@code ./coffer} does not, until it restarts).
     */
    private static final long KEPT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final Map<String, Learnt<Boolean>> FUNCTION_BY_STORE = new ConcurrentHashMap<>();
    private static final Map<String, Learnt<List<Column>>> COLUMNS_BY_TABLE = new ConcurrentHashMap<>();

    private record Learnt<T>(T value, long at) {
        boolean fresh() {
            return System.nanoTime() - at < KEPT_NANOS;
        }
    }

    private record Column(String name, int type) {}

    private WholeRows() {}

    /** The select list of every column of {@code table}, each qualified by {@code alias}, in the table's order. */
    public static String selectList(Connection connection, String table, String alias) throws SQLException {
        String store = connection.getMetaData().getURL();
        boolean blobsInline = runsBlobBytes(connection, store);
        StringJoiner list = new StringJoiner(", ");
        for (Column column : columns(connection, store, table)) {
            String value = alias + "." + SqlNames.quoted(column.name());
            String inline = switch (column.type()) {
                case Types.CLOB -> "CAST(" + value + " AS VARCHAR(" + INLINE_LIMIT + "))";
                case Types.BLOB -> blobsInline ? BLOB_BYTES + "(" + value + ")" : null;
                default -> null;
            };
            if (inline == null) {
                list.add(value);
            } else {
                list.add("CASE WHEN LENGTH(" + value + ") <= " + INLINE_LIMIT + " THEN " + inline + " END AS "
                        + SqlNames.quoted(column.name()));
                list.add("CASE WHEN LENGTH(" + value + ") > " + INLINE_LIMIT + " THEN " + value + " END AS "
                        + SqlNames.quoted(column.name() + BY_LOCATOR));
            }
        }
        return list.toString();
    }

    /** The current row of a result selected with {@link #selectList}: column → value, in the table's order. */
    public static Map<String, Object> values(ResultSet rows, ResultSetMetaData columns) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            String name = columns.getColumnName(i);
            if (name.endsWith(BY_LOCATOR)) {
                Object large = rows.getObject(i);
                if (large != null) {
                    values.put(name.substring(0, name.length() - BY_LOCATOR.length()), large);
                }
            } else {
                values.put(name, rows.getObject(i));
            }
        }
        return values;
    }

    private static boolean runsBlobBytes(Connection connection, String store) {
        Learnt<Boolean> known = FUNCTION_BY_STORE.get(store);
        if (known != null && known.fresh()) {
            return known.value();
        }
        boolean runs;
        String why;
        try (PreparedStatement probe = connection.prepareStatement("VALUES " + BLOB_BYTES + "(CAST(X'01' AS BLOB))");
                ResultSet result = probe.executeQuery()) {
            runs = result.next();
            why = "it runs " + BLOB_BYTES;
        } catch (SQLException missing) {
            // Not created in this store (a local store), or its server lacks the class: locators it is.
            runs = false;
            why = missing.getMessage();
        }
        if (known == null || known.value() != runs) {
            LOG.info("whole rows of " + store + " are read with their BLOBs " + (runs ? "in the row" : "by locator")
                    + ": " + why);
        }
        FUNCTION_BY_STORE.put(store, new Learnt<>(runs, System.nanoTime()));
        return runs;
    }

    private static List<Column> columns(Connection connection, String store, String table) throws SQLException {
        String key = store + " " + table;
        Learnt<List<Column>> known = COLUMNS_BY_TABLE.get(key);
        if (known != null && known.fresh()) {
            return known.value();
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT * FROM " + SqlNames.quoted(table) + " WHERE 1 = 0");
                ResultSet none = select.executeQuery()) {
            ResultSetMetaData metadata = none.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(new Column(metadata.getColumnName(i), metadata.getColumnType(i)));
            }
        }
        COLUMNS_BY_TABLE.put(key, new Learnt<>(List.copyOf(columns), System.nanoTime()));
        return columns;
    }
}
