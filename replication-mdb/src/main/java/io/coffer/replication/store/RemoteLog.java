package io.coffer.replication.store;

import io.coffer.replication.event.EventBatch;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A remote store's replication log ({@code REPL_LOG}, numbered by the publisher) and its head ({@code
 * REPL_PUBLISHER}): what hosts catch up from, where the log ends, and the start of a new epoch.
 */
public final class RemoteLog {

    private RemoteLog() {}

    /** The log's current epoch and head: the last sequence number the store's publisher gave out. */
    public record Head(long epoch, long sequence) {}

    /** Events of the current epoch after {@code afterSequence}, in order, at most {@code limit}. */
    public static List<ReplicationEvent> after(
            Connection remote, StoreId store, long epoch, long afterSequence, long upTo, int limit)
            throws SQLException {
        List<ReplicationEvent> events = new ArrayList<>();
        for (EventBatch.Entry entry : entries(remote, afterSequence + 1, upTo, limit)) {
            events.add(new ReplicationEvent(
                    store, epoch, entry.sequence(), entry.capturedAt(), RowChangeCodec.decode(entry.payload())));
        }
        return events;
    }

    /**
     * Payloads up to this many characters are read as VARCHAR, in the result set itself; longer ones as the CLOB,
     * which the network client fetches with two more round trips per row. Derby's longest VARCHAR is 32,672.
     */
    static final int INLINE_PAYLOAD_CHARS = 32_000;

    /** The log's entries from {@code first} to {@code last}, in order, at most {@code limit}. */
    public static List<EventBatch.Entry> entries(Connection remote, long first, long last, int limit)
            throws SQLException {
        List<EventBatch.Entry> entries = new ArrayList<>();
        try (PreparedStatement select = remote.prepareStatement("SELECT SEQ, CAPTURED_AT,"
                + " CASE WHEN LENGTH(PAYLOAD) <= " + INLINE_PAYLOAD_CHARS
                + " THEN CAST(PAYLOAD AS VARCHAR(" + INLINE_PAYLOAD_CHARS + ")) END,"
                + " CASE WHEN LENGTH(PAYLOAD) > " + INLINE_PAYLOAD_CHARS + " THEN PAYLOAD END"
                + " FROM REPL_LOG WHERE SEQ >= ? AND SEQ <= ? ORDER BY SEQ")) {
            select.setLong(1, first);
            select.setLong(2, last);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String inline = rows.getString(3);
                    entries.add(new EventBatch.Entry(
                            rows.getLong(1),
                            rows.getTimestamp(2).toInstant(),
                            inline != null ? inline : rows.getString(4)));
                }
            }
        }
        return entries;
    }

    public static Head head(Connection remote, StoreId store) throws SQLException {
        try (PreparedStatement select =
                remote.prepareStatement("SELECT EPOCH, LAST_SEQ FROM REPL_PUBLISHER WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Head(row.getLong(1), row.getLong(2)) : new Head(1, 0);
            }
        }
    }

    /** When the event with this sequence number was captured, if it is in the log. */
    public static Optional<Timestamp> capturedAt(Connection remote, long sequence) throws SQLException {
        try (PreparedStatement select = remote.prepareStatement("SELECT CAPTURED_AT FROM REPL_LOG WHERE SEQ = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getTimestamp(1)) : Optional.empty();
            }
        }
    }

    /**
     * Rolls the store's replication back, in the caller's transaction: the pending events and the log are emptied
     * and numbering starts again from 1 in a new epoch.
     */
    public static void startNewEpoch(Connection remote, StoreId store, Instant now) throws SQLException {
        try (PreparedStatement restart = remote.prepareStatement(
                "UPDATE REPL_PUBLISHER SET EPOCH = EPOCH + 1, LAST_SEQ = 0, SENT_SEQ = 0, UPDATED_AT = ?"
                        + " WHERE STORE_NAME = ?")) {
            restart.setTimestamp(1, Timestamp.from(now));
            restart.setString(2, store.name());
            restart.executeUpdate();
        }
        try (PreparedStatement pending = remote.prepareStatement("DELETE FROM REPL_PENDING");
                PreparedStatement log = remote.prepareStatement("DELETE FROM REPL_LOG")) {
            pending.executeUpdate();
            log.executeUpdate();
        }
    }
}
