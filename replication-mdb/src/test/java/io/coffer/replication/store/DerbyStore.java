package io.coffer.replication.store;

import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An embedded, in-memory Derby database standing in for a remote or a local store in unit tests, with replication's
 * own tables created by {@link ReplicationSchema} as a deployed host creates them. One connection, no auto-commit:
 * a test commits or rolls back as the container's transaction would. Creating a database takes about a second, so a
 * test class creates its stores once and {@link #reset() empties} them before each test.
 */
public final class DerbyStore implements AutoCloseable {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private final String url;
    private final Connection connection;
    /** The remote store this database stands in for; null for a local store. */
    private StoreId remoteStore;

    private DerbyStore(String name) throws SQLException {
        this.url = "jdbc:derby:memory:" + name + "-" + UUID.randomUUID();
        this.connection = DriverManager.getConnection(url + ";create=true");
        connection.setAutoCommit(false);
    }

    /** A remote store (base or shard) with its pending events, log and publisher row. */
    public static DerbyStore remote(StoreId store) throws SQLException {
        DerbyStore remote = new DerbyStore(store.name());
        remote.remoteStore = store;
        ReplicationSchema.installRemote(remote.connection, store);
        remote.connection.commit();
        return remote;
    }

    /** A host's local store with its bookmarks and row origins, and the replicated tables named. */
    public static DerbyStore local(String... tableDefinitions) throws SQLException {
        DerbyStore local = new DerbyStore("local");
        ReplicationSchema.installLocal(local.connection);
        for (String ddl : tableDefinitions) {
            local.execute(ddl);
        }
        local.connection.commit();
        return local;
    }

    /** Empties every table, as a new store has them: a remote store's log starts again at epoch 1, sequence 0. */
    public void reset() throws SQLException {
        connection.rollback();
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT TABLENAME FROM SYS.SYSTABLES WHERE TABLETYPE = 'T'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        for (String table : tables) {
            execute("DELETE FROM " + SqlNames.quoted(table));
        }
        if (remoteStore != null) {
            ReplicationSchema.installRemote(connection, remoteStore);
        }
        connection.commit();
    }

    public Connection connection() {
        return connection;
    }

    /** Another connection to the same database, as a second pooled connection would be. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Numbers a row change into the log and moves the head there, as the publisher does, and commits. */
    public void logged(long epoch, long sequence, String table, String entityKey, String payload, Instant capturedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO REPL_LOG"
                                + " (SEQ, TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT, PUBLISHED_AT) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement head = connection.prepareStatement(
                        "UPDATE REPL_PUBLISHER SET EPOCH = ?, LAST_SEQ = ? WHERE LAST_SEQ < ? OR EPOCH <> ?")) {
            insert.setLong(1, sequence);
            insert.setString(2, table);
            insert.setString(3, entityKey);
            insert.setString(4, payload);
            insert.setTimestamp(5, Timestamp.from(capturedAt));
            insert.setTimestamp(6, Timestamp.from(capturedAt));
            insert.executeUpdate();
            head.setLong(1, epoch);
            head.setLong(2, sequence);
            head.setLong(3, sequence);
            head.setLong(4, epoch);
            head.executeUpdate();
        }
        connection.commit();
    }

    /** A captured change not numbered yet, as interception writes it, committed. */
    public void pending(String table, String entityKey, String payload, Instant capturedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, table);
            insert.setString(2, entityKey);
            insert.setString(3, payload);
            insert.setTimestamp(4, Timestamp.from(capturedAt));
            insert.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
        try {
            DriverManager.getConnection(url + ";drop=true").close();
        } catch (SQLException dropped) {
            // Derby reports a dropped database with an exception (08006): that is the success case.
            if (!"08006".equals(dropped.getSQLState())) {
                throw dropped;
            }
        }
    }
}
