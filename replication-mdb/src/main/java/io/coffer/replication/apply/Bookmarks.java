package io.coffer.replication.apply;

import io.coffer.platform.failure.StoreFailures;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A host's bookmark per remote store, in its local store: the epoch of the store's log it follows and the last
 * sequence number it applied. Advanced in the same transaction as the rows it covers, so the bookmark never claims
 * more than the store holds.
 */
public final class Bookmarks {

    /** Where a host stands in one store's log. */
    public record Position(long epoch, long applied) {
        static final Position START = new Position(1, 0);
    }

    private Bookmarks() {}

    /** Locks the store's bookmark row until the transaction ends (creating it at epoch 1, 0) and returns it. */
    public static Position lock(Connection local, StoreId store) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement touch =
                    local.prepareStatement("UPDATE REPL_BOOKMARK SET APPLIED_SEQ = APPLIED_SEQ WHERE STORE_NAME = ?")) {
                touch.setString(1, store.name());
                if (touch.executeUpdate() == 1) {
                    return read(local, store);
                }
            }
            try (PreparedStatement create = local.prepareStatement(
                    "INSERT INTO REPL_BOOKMARK (STORE_NAME, EPOCH, APPLIED_SEQ) VALUES (?, ?, ?)")) {
                create.setString(1, store.name());
                create.setLong(2, Position.START.epoch());
                create.setLong(3, Position.START.applied());
                create.executeUpdate();
                return Position.START;
            } catch (SQLException raced) {
                if (!StoreFailures.isDuplicateKey(raced)) {
                    throw raced;
                }
            }
        }
        throw new SQLException("could not lock the bookmark of store " + store);
    }

    public static void advance(Connection local, StoreId store, long sequence, Instant appliedAt) throws SQLException {
        try (PreparedStatement update = local.prepareStatement(
                "UPDATE REPL_BOOKMARK SET APPLIED_SEQ = ?, APPLIED_AT = ? WHERE STORE_NAME = ?")) {
            update.setLong(1, sequence);
            update.setTimestamp(2, Timestamp.from(appliedAt));
            update.setString(3, store.name());
            update.executeUpdate();
        }
    }

    /** Starts following a new epoch of the store's log from its beginning. */
    public static void restart(Connection local, StoreId store, long epoch, Instant now) throws SQLException {
        try (PreparedStatement update = local.prepareStatement(
                "UPDATE REPL_BOOKMARK SET EPOCH = ?, APPLIED_SEQ = 0, APPLIED_AT = ? WHERE STORE_NAME = ?")) {
            update.setLong(1, epoch);
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, store.name());
            update.executeUpdate();
        }
    }

    public static Position read(Connection local, StoreId store) throws SQLException {
        try (PreparedStatement select =
                local.prepareStatement("SELECT EPOCH, APPLIED_SEQ FROM REPL_BOOKMARK WHERE STORE_NAME = ?")) {
            select.setString(1, store.name());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Position(row.getLong(1), row.getLong(2)) : Position.START;
            }
        }
    }
}
