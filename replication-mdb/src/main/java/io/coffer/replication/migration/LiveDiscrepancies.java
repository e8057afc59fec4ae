package io.coffer.replication.migration;

import io.coffer.platform.failure.StoreFailures;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * A store's {@code REPL_VERIFIER} row on its remote store: how many discrepancies the live verifier of any host found
 * there, and when the last was reported. Kept beside the store (as the sweep's row is) rather than in the data grid:
 * it must outlive every host's restart to hold the quiet window, it is written only when something is wrong, and the
 * host answering an advance reads the store's migration work there already.
 */
record LiveDiscrepancies(long count, Optional<Instant> last) {

    static final LiveDiscrepancies NONE = new LiveDiscrepancies(0, Optional.empty());

    static LiveDiscrepancies read(Connection remote, StoreId store) throws SQLException {
        try (PreparedStatement select = remote.prepareStatement(
                "SELECT DISCREPANCIES, LAST_DISCREPANCY FROM REPL_VERIFIER WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return NONE;
                }
                return new LiveDiscrepancies(
                        row.getLong(1), Optional.of(row.getTimestamp(2).toInstant()));
            }
        }
    }

    /** Counts one more discrepancy, reported now; atomic against other hosts reporting at once. */
    static void report(Connection remote, StoreId store, Instant now) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement update = remote.prepareStatement("UPDATE REPL_VERIFIER SET DISCREPANCIES ="
                    + " DISCREPANCIES + 1, LAST_DISCREPANCY = ? WHERE STORE_NAME = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, store.name());
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = remote.prepareStatement(
                    "INSERT INTO REPL_VERIFIER (STORE_NAME, DISCREPANCIES, LAST_DISCREPANCY) VALUES (?, 1, ?)")) {
                insert.setString(1, store.name());
                insert.setTimestamp(2, Timestamp.from(now));
                insert.executeUpdate();
                return;
            } catch (SQLException inserted) {
                // Another host inserted it first: count on its row.
                if (!StoreFailures.isDuplicateKey(inserted)) {
                    throw inserted;
                }
            }
        }
    }
}
