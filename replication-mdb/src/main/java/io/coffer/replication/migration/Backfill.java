package io.coffer.replication.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Phase 2 on one remote store: walks every replicated table in key order from the bookmark and replays each entity
 * that live sync has not carried ({@link EntityReplay#backfill}), a page of keys at a time. A step works on the
 * caller's connection, so the events it writes and the bookmark it returns commit together: a step cut short by a
 * crash leaves neither, and the next step starts from the last committed bookmark (no gap, nothing written twice).
 */
final class Backfill {

    /** Where one step ended and what it did. */
    record Step(String table, String lastKey, boolean finished, long processed, long skipped) {}

    private Backfill() {}

    static Step step(
            Connection remote, SortedMap<String, String> tables, String table, String lastKey, int budget, Instant now)
            throws SQLException {
        String current = table == null ? TableKeys.nextTable(tables, null) : table;
        String after = lastKey;
        long processed = 0;
        long skipped = 0;
        while (current != null && processed < budget) {
            int wanted = (int) (budget - processed);
            String keyColumn = tables.get(current);
            List<String> keys = TableKeys.after(remote, current, keyColumn, after, wanted);
            if (!keys.isEmpty()) {
                skipped += EntityReplay.backfill(remote, current, keyColumn, keys, now)
                        .skipped();
                processed += keys.size();
                after = keys.get(keys.size() - 1);
            }
            if (keys.size() < wanted) {
                current = TableKeys.nextTable(tables, current);
                after = null;
            }
        }
        return new Step(current, after, current == null, processed, skipped);
    }
}
