package io.coffer.replication.publish;

import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The publisher's SQL on a remote store, each step in the caller's (short, one-resource) transaction: numbering
 * pending events into the log and recording how far it was sent. What the log holds that was not sent yet is read
 * with {@link RemoteLog#entries}, as hosts catching up read it.
 */
public final class OutboxLog {

    private OutboxLog() {}

    /**
     * What one step 1 numbered: sequence numbers {@code first} to {@code last} of {@code epoch}; {@link #NONE} when
     * nothing was pending.
     */
    public record Logged(long epoch, long first, long last) {
        /** Nothing logged; its epoch and numbers mean nothing (a send plan uses only a batch with a count). */
        static final Logged NONE = new Logged(0, 1, 0);

        public int count() {
            return (int) (last - first + 1);
        }
    }

    /**
     * Where the store's log stands: its epoch, the last number given out, and how far it was sent (every entry at or
     * below {@code sent} went to the topic, or a later one did after it was logged, which makes a host fill it from
     * the log). {@code oldestUnsentLoggedAt}: when the first entry above {@code sent} was logged, if there is one.
     */
    public record SendState(long epoch, long sent, long last, Optional<Instant> oldestUnsentLoggedAt) {}

    /**
     * Step 1: locks the store's publisher row (one publisher per store at a time, across instances), numbers up to
     * {@code limit} pending events into the log after its head, in the order they were captured, removes them from
     * pending and advances the head. When nothing is pending it locks nothing: every host's publisher looks every tick,
     * and a host killed between its transaction's end and commit leaves what it locked until the store's XA timeout
     * (30 s), which would stall every reader of the publisher row for as long.
     */
    public static Logged logPending(Connection remote, StoreId store, int limit, Instant now) throws SQLException {
        if (!anyPending(remote)) {
            return Logged.NONE;
        }
        RemoteLog.Head head = lockPublisher(remote, store);
        long lastSequence = head.sequence();
        Timestamp loggedAt = Timestamp.from(now);
        int count = 0;
        // The payloads are copied inside the store (INSERT ... SELECT): over the network client every CLOB read and
        // written costs round trips of its own.
        try (PreparedStatement select = remote.prepareStatement("SELECT ID FROM REPL_PENDING ORDER BY ID");
                PreparedStatement log = remote.prepareStatement("INSERT INTO REPL_LOG"
                        + " (SEQ, TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT, PUBLISHED_AT)"
                        + " SELECT CAST(? AS BIGINT), TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT, CAST(? AS TIMESTAMP)"
                        + " FROM REPL_PENDING WHERE ID = ?");
                PreparedStatement remove = remote.prepareStatement("DELETE FROM REPL_PENDING WHERE ID = ?")) {
            select.setMaxRows(limit);
            List<Long> logged = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    logged.add(rows.getLong(1));
                }
            }
            // One round trip each for the whole batch, not two per event.
            for (long id : logged) {
                log.setLong(1, ++lastSequence);
                log.setTimestamp(2, loggedAt);
                log.setLong(3, id);
                log.addBatch();
                remove.setLong(1, id);
                remove.addBatch();
            }
            count = logged.size();
            if (count > 0) {
                int[] inserted = log.executeBatch();
                for (int rows : inserted) {
                    if (rows != 1 && rows != Statement.SUCCESS_NO_INFO) {
                        throw new SQLException("a pending event vanished while it was logged");
                    }
                }
                remove.executeBatch();
            }
        }
        if (count == 0) {
            return Logged.NONE;
        }
        // A store made before the sent mark has none until now: everything below this batch was sent.
        try (PreparedStatement advance = remote.prepareStatement("UPDATE REPL_PUBLISHER"
                + " SET LAST_SEQ = ?, SENT_SEQ = COALESCE(SENT_SEQ, LAST_SEQ), UPDATED_AT = ? WHERE STORE_NAME = ?")) {
            advance.setLong(1, lastSequence);
            advance.setTimestamp(2, loggedAt);
            advance.setString(3, store.name());
            advance.executeUpdate();
        }
        return new Logged(head.epoch(), head.sequence() + 1, lastSequence);
    }

    /** Where the log stands; a store installed before {@code SENT_SEQ} existed counts as sent up to its head. */
    public static SendState sendState(Connection remote, StoreId store) throws SQLException {
        long epoch;
        long sent;
        long last;
        try (PreparedStatement select = remote.prepareStatement(
                "SELECT EPOCH, COALESCE(SENT_SEQ, LAST_SEQ), LAST_SEQ FROM REPL_PUBLISHER WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw missingPublisher(store);
                }
                epoch = row.getLong(1);
                sent = row.getLong(2);
                last = row.getLong(3);
            }
        }
        if (sent >= last) {
            return new SendState(epoch, sent, last, Optional.empty());
        }
        try (PreparedStatement oldest = remote.prepareStatement(
                "SELECT PUBLISHED_AT FROM REPL_LOG WHERE SEQ > ? ORDER BY SEQ FETCH FIRST 1 ROWS ONLY")) {
            oldest.setLong(1, sent);
            try (ResultSet row = oldest.executeQuery()) {
                return new SendState(
                        epoch,
                        sent,
                        last,
                        row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty());
            }
        }
    }

    /**
     * Step 3: records that the log was sent up to {@code upTo}, unless it already was further, or the log was rolled
     * into a new epoch meanwhile.
     *
     * @return whether the record moved
     */
    public static boolean markSent(Connection remote, StoreId store, long epoch, long upTo) throws SQLException {
        try (PreparedStatement mark = remote.prepareStatement("UPDATE REPL_PUBLISHER SET SENT_SEQ = ?"
                + " WHERE STORE_NAME = ? AND EPOCH = ? AND COALESCE(SENT_SEQ, LAST_SEQ) < ? AND LAST_SEQ >= ?")) {
            mark.setLong(1, upTo);
            mark.setString(2, store.name());
            mark.setLong(3, epoch);
            mark.setLong(4, upTo);
            mark.setLong(5, upTo);
            return mark.executeUpdate() == 1;
        }
    }

    /** Whether any event waits, uncommitted ones included: a look that neither waits for a lock nor takes one. */
    private static boolean anyPending(Connection remote) throws SQLException {
        try (PreparedStatement peek =
                        remote.prepareStatement("SELECT ID FROM REPL_PENDING FETCH FIRST ROW ONLY WITH UR");
                ResultSet row = peek.executeQuery()) {
            return row.next();
        }
    }

    private static RemoteLog.Head lockPublisher(Connection remote, StoreId store) throws SQLException {
        try (PreparedStatement lock =
                remote.prepareStatement("UPDATE REPL_PUBLISHER SET LAST_SEQ = LAST_SEQ WHERE STORE_NAME = ?")) {
            lock.setString(1, store.name());
            if (lock.executeUpdate() != 1) {
                throw missingPublisher(store);
            }
        }
        return RemoteLog.head(remote, store);
    }

    private static SQLException missingPublisher(StoreId store) {
        return new SQLException("store " + store + " has no publisher row; its replication tables are incomplete");
    }
}
