package io.coffer.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A replication event written straight into a remote store's pending events: every host applies it, the store's own
 * row stays as it was. How the tests corrupt replicas (the hosts' local stores are embedded in their servers, so no
 * other process can open them).
 */
public final class ForgedEvents {

    private ForgedEvents() {}

    /** Changes one text column of the row with id {@code key} on every replica of the store, not in the store. */
    public static void changeOnReplicas(Connection store, String table, String key, String column, String value)
            throws SQLException {
        String payload = "{\"table\":\"" + table + "\",\"op\":\"U\",\"key\":[\"ID\"],\"row\":{\"ID\":[\"s\",\"" + key
                + "\"],\"" + column + "\":[\"s\",\"" + value + "\"]}}";
        try (PreparedStatement forge = store.prepareStatement(
                "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT) VALUES (?, ?, ?, ?)")) {
            forge.setString(1, table);
            forge.setString(2, key);
            forge.setString(3, payload);
            forge.setTimestamp(4, Timestamp.from(Instant.now()));
            forge.executeUpdate();
        }
    }
}
