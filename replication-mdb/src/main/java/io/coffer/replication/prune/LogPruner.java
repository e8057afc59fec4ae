package io.coffer.replication.prune;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;

/** Deletes a store's log entries that every live host has applied and that are older than the retention. */
final class LogPruner {

    private LogPruner() {}

    /**
     * @param appliedEverywhere the lowest position every live host applied; {@code Long.MAX_VALUE} (no live host) or
     *     a negative value (a live host follows an older epoch) prune nothing
     * @return how many entries were deleted
     */
    static long prune(Connection remote, long appliedEverywhere, Instant publishedBefore) throws SQLException {
        if (appliedEverywhere <= 0 || appliedEverywhere == Long.MAX_VALUE) {
            return 0;
        }
        try (PreparedStatement delete =
                remote.prepareStatement("DELETE FROM REPL_LOG WHERE SEQ <= ? AND PUBLISHED_AT < ?")) {
            delete.setLong(1, appliedEverywhere);
            delete.setTimestamp(2, Timestamp.from(publishedBefore));
            return delete.executeUpdate();
        }
    }

    /** Where the log starts now; empty when it holds nothing. */
    static OptionalLong firstSequence(Connection remote) throws SQLException {
        try (PreparedStatement select = remote.prepareStatement("SELECT MIN(SEQ) FROM REPL_LOG");
                ResultSet row = select.executeQuery()) {
            row.next();
            long first = row.getLong(1);
            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(first);
        }
    }
}
