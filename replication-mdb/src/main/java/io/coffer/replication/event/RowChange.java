package io.coffer.replication.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One captured write: the table, its key columns, and the whole row image as the store holds it (for a delete, the
 * key columns only). Values are what JDBC reads and writes: strings, numbers, booleans, byte arrays, instants.
 */
public record RowChange(String table, Operation operation, List<String> keyColumns, Map<String, Object> columns) {

    public RowChange {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a replicated row needs a primary key: " + table);
        }
        for (String key : keyColumns) {
            if (!columns.containsKey(key)) {
                throw new IllegalArgumentException("key column " + key + " missing from the image of " + table);
            }
        }
        keyColumns = List.copyOf(keyColumns);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The key values, joined: how the log indexes which entity an event touches. */
    public String entityKey() {
        StringBuilder key = new StringBuilder();
        for (String column : keyColumns) {
            if (key.length() > 0) {
                key.append('|');
            }
            key.append(columns.get(column));
        }
        return key.toString();
    }
}
