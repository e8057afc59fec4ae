package io.coffer.replication.store;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A remote store's row as replication carries it: every column, as an upsert a replica can apply. */
public final class RowImages {

    private RowImages() {}

    /** The current row of {@code rows} (positioned on it by the caller). */
    public static RowChange upsertOf(ResultSet rows, String table, String keyColumn) throws SQLException {
        return upsertOf(rows, rows.getMetaData(), table, keyColumn);
    }

    /** The same, with the result's column metadata read once for all its rows. */
    public static RowChange upsertOf(ResultSet rows, ResultSetMetaData columns, String table, String keyColumn)
            throws SQLException {
        Map<String, Object> image = new LinkedHashMap<>();
        for (Map.Entry<String, Object> column : WholeRows.values(rows, columns).entrySet()) {
            image.put(column.getKey(), carried(column.getValue()));
        }
        return new RowChange(table, Operation.UPSERT, List.of(keyColumn), image);
    }

    /** A JDBC value as replication carries it (see {@code RowChangeCodec}). */
    private static Object carried(Object value) throws SQLException {
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        return value;
    }
}
