package io.coffer.replication.store;

import io.coffer.platform.failure.StoreFailures;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Replication's own tables. On every remote store: the pending events written by interception, the numbered log the
 * publisher moves them to, and the publisher's row (the epoch, its last sequence number, how far the log was sent to
 * the topic, and the lock that makes one publisher at a time per store). On the base store also each host's applied position; on every local store, the
 * host's bookmark per remote store and where each replicated row came from. Every remote store also keeps its
 * migration work's bookmark and lease ({@code REPL_MIGRATION}) and the live verifier's discrepancies ({@code
 * REPL_VERIFIER}). Created if missing, by whichever
 * instance opens the store first.
 *
 * <p>An epoch numbers the lifetimes of a store's log: rolling replication back (capture switched off) empties the log
 * and starts a new epoch, and a host that sees a newer epoch drops its replica of that store before applying more.
 */
public final class ReplicationSchema {

    static final List<String> REMOTE_TABLES = List.of(
            "CREATE TABLE REPL_PENDING (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " TABLE_NAME VARCHAR(128) NOT NULL, ENTITY_KEY VARCHAR(512) NOT NULL,"
                    + " PAYLOAD CLOB NOT NULL, CAPTURED_AT TIMESTAMP NOT NULL)",
            "CREATE TABLE REPL_LOG (SEQ BIGINT NOT NULL PRIMARY KEY,"
                    + " TABLE_NAME VARCHAR(128) NOT NULL, ENTITY_KEY VARCHAR(512) NOT NULL,"
                    + " PAYLOAD CLOB NOT NULL, CAPTURED_AT TIMESTAMP NOT NULL, PUBLISHED_AT TIMESTAMP NOT NULL)",
            "CREATE INDEX REPL_LOG_ENTITY ON REPL_LOG (TABLE_NAME, ENTITY_KEY, SEQ)",
            "CREATE INDEX REPL_PENDING_ENTITY ON REPL_PENDING (TABLE_NAME, ENTITY_KEY)",
            "CREATE TABLE REPL_PUBLISHER (STORE_NAME VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " EPOCH BIGINT NOT NULL, LAST_SEQ BIGINT NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)",
            // How far the log was sent to the topic. Added to stores made before it; there it is null until the next
            // send, and null counts as "up to LAST_SEQ" (their publisher logged and sent in one XA transaction).
            "ALTER TABLE REPL_PUBLISHER ADD COLUMN SENT_SEQ BIGINT",
            // The migration's background work on this store (backfill, sweep): bookmark, progress and lease, kept
            // beside the events it writes so that both commit together.
            "CREATE TABLE REPL_MIGRATION (STORE_NAME VARCHAR(32) NOT NULL, KIND VARCHAR(16) NOT NULL,"
                    + " RUN BIGINT NOT NULL, STATE VARCHAR(16) NOT NULL, TABLE_NAME VARCHAR(128), LAST_KEY VARCHAR(512),"
                    + " PROCESSED BIGINT NOT NULL, TOTAL BIGINT NOT NULL, SKIPPED BIGINT NOT NULL,"
                    + " DISCREPANCIES BIGINT NOT NULL, REPAIRED BIGINT NOT NULL, RATE DOUBLE NOT NULL,"
                    + " LEASE_HOLDER VARCHAR(64), LEASE_UNTIL TIMESTAMP, STARTED_AT TIMESTAMP NOT NULL,"
                    + " UPDATED_AT TIMESTAMP NOT NULL, PRIMARY KEY (STORE_NAME, KIND))",
            // The live verifier's discrepancies on this store, reported by any host: what its exit criterion reads
            // on whichever host answers the advance.
            "CREATE TABLE REPL_VERIFIER (STORE_NAME VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " DISCREPANCIES BIGINT NOT NULL, LAST_DISCREPANCY TIMESTAMP NOT NULL)",
            // Lets whole rows be read with their BLOBs in the row instead of through locators (see WholeRows).
            WholeRows.CREATE_BLOB_BYTES);

    static final List<String> BASE_TABLES = List.of(
            "CREATE TABLE REPL_HOST (HOST_NAME VARCHAR(64) NOT NULL, STORE_NAME VARCHAR(32) NOT NULL,"
                    + " CELL_NAME VARCHAR(64) NOT NULL, EPOCH BIGINT NOT NULL, APPLIED_SEQ BIGINT NOT NULL,"
                    + " REPORTED_AT TIMESTAMP NOT NULL, PRIMARY KEY (HOST_NAME, STORE_NAME))",
            // Where other cells reach the host (its cell-internal listener); null for a host without one. Added to
            // base stores made before there were cells.
            "ALTER TABLE REPL_HOST ADD COLUMN CELL_URL VARCHAR(255)");

    static final List<String> LOCAL_TABLES = List.of(
            "CREATE TABLE REPL_BOOKMARK (STORE_NAME VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " EPOCH BIGINT NOT NULL, APPLIED_SEQ BIGINT NOT NULL, APPLIED_AT TIMESTAMP)",
            // Which remote store each replicated row came from: what a host removes when that store's replication
            // is rolled back (a new epoch), since rows of several stores share a table.
            "CREATE TABLE REPL_ORIGIN (TABLE_NAME VARCHAR(128) NOT NULL, KEY_VALUE VARCHAR(512) NOT NULL,"
                    + " STORE_NAME VARCHAR(32) NOT NULL, PRIMARY KEY (TABLE_NAME, KEY_VALUE))",
            "CREATE INDEX REPL_ORIGIN_STORE ON REPL_ORIGIN (STORE_NAME, TABLE_NAME)");

    private static final String TABLE_EXISTS = "X0Y32";
    private static final String FUNCTION_EXISTS = "X0Y68";

    private ReplicationSchema() {}

    public static void installRemote(Connection connection, StoreId store) throws SQLException {
        createAll(connection, REMOTE_TABLES);
        if (store.isBase()) {
            createAll(connection, BASE_TABLES);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO REPL_PUBLISHER (STORE_NAME, EPOCH, LAST_SEQ, SENT_SEQ, UPDATED_AT)"
                        + " VALUES (?, 1, 0, 0, CURRENT_TIMESTAMP)")) {
            insert.setString(1, store.name());
            insert.executeUpdate();
        } catch (SQLException exists) {
            if (!StoreFailures.isDuplicateKey(exists)) {
                throw exists;
            }
        }
    }

    public static void installLocal(Connection connection) throws SQLException {
        createAll(connection, LOCAL_TABLES);
    }

    private static void createAll(Connection connection, List<String> statements) throws SQLException {
        for (String ddl : statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl);
            } catch (SQLException exists) {
                // Another instance, or an earlier start, created it; the index of an existing table, a column
                // added to it, or the function, likewise.
                if (!TABLE_EXISTS.equals(exists.getSQLState()) && !FUNCTION_EXISTS.equals(exists.getSQLState())) {
                    throw exists;
                }
            }
        }
    }
}
