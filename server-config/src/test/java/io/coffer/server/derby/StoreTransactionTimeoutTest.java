package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the hosts' store connections do around the store's XA timeout, against a real Derby network server whose XA
 * timeout (2 s) is shorter than its lock wait (4 s): a statement sent after the timeout (refused by the cutoff), and a
 * connection whose transaction the store timed out (closed after the failed XA call). Each test has tables of its own.
 */
class StoreTransactionTimeoutTest {

    private static final int XA_TIMEOUT_MILLIS = 2_000;
    private static final AtomicInteger XIDS = new AtomicInteger();
    private static NetworkServerControl server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        Path home = Files.createTempDirectory("coffer-xa-timeout");
        System.setProperty("derby.system.home", home.toString());
        System.setProperty("derby.jdbc.xaTransactionTimeout", String.valueOf(XA_TIMEOUT_MILLIS / 1000));
        System.setProperty("derby.locks.waitTimeout", "4");
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(null);
        for (int attempt = 0; ; attempt++) {
            try {
                server.ping();
                break;
            } catch (Exception notYet) {
                if (attempt > 100) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
        try (Connection setup = dataSource(0).getXAConnection().getConnection();
                Statement create = setup.createStatement()) {
            create.execute("CREATE TABLE T (ID INT PRIMARY KEY)");
            for (String table : new String[] {"UNGUARDED", "GUARDED", "QUICK"}) {
                create.execute("CREATE TABLE " + table + " (ID INT PRIMARY KEY, V INT)");
                create.execute("INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
            }
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.shutdown();
    }

    /** Why the cutoff exists: Derby's behaviour, which a later Derby may fix (then this test tells). */
    @Test
    void withoutTheCutoffAStatementAfterTheStoresTimeoutLocksARowForGood() throws Exception {
        XAConnection connection = dataSource(0).getXAConnection();
        XAResource resource = connection.getXAResource();
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        update(connection.getConnection(), "UNGUARDED", 1);
        Thread.sleep(XA_TIMEOUT_MILLIS + 1_500);
        try {
            update(connection.getConnection(), "UNGUARDED", 2);
        } catch (SQLException cancelled) {
            // at times the first statement after the timeout gets the timeout's cancellation; the next one runs
            assertThat(cancelled.getSQLState()).isEqualTo("XCL52");
            update(connection.getConnection(), "UNGUARDED", 2);
        }
        assertThatThrownBy(() -> resource.end(xid, XAResource.TMSUCCESS))
                .isInstanceOf(XAException.class)
                .satisfies(nota -> assertThat(((XAException) nota).errorCode).isEqualTo(XAException.XAER_NOTA));
        connection.close();

        assertThat(lockedRows("UNGUARDED"))
                .as("the row the late statement locked, after its connection closed")
                .isEqualTo(1);
    }

    @Test
    void withTheCutoffTheLateStatementIsNotSentAndNothingStaysLocked() throws Exception {
        DeadlineClientXADataSource dataSource = dataSource(XA_TIMEOUT_MILLIS / 2);
        XAConnection connection = dataSource.getXAConnection();
        XAResource resource = connection.getXAResource();
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        Connection guarded = connection.getConnection();
        update(guarded, "GUARDED", 1);
        try (PreparedStatement prepared = guarded.prepareStatement("UPDATE GUARDED SET V = V + 1 WHERE ID = 2")) {
            Thread.sleep(XA_TIMEOUT_MILLIS + 1_500);
            assertThatThrownBy(prepared::executeUpdate)
                    .isInstanceOf(SQLTransactionRollbackException.class)
                    .hasMessageContaining("was not sent");
        }
        assertThatThrownBy(() -> update(guarded, "GUARDED", 2)).isInstanceOf(SQLTransactionRollbackException.class);
        assertThatThrownBy(() -> resource.end(xid, XAResource.TMSUCCESS)).isInstanceOf(XAException.class);
        assertThatThrownBy(() -> resource.rollback(xid)).isInstanceOf(XAException.class);
        assertThat(lockedRows("GUARDED")).isZero();

        assertThatThrownBy(() -> resource.start(xid(), XAResource.TMNOFLAGS))
                .as("the store refuses any later transaction on it: closed")
                .isInstanceOf(XAException.class);

        XAConnection fresh = dataSource.getXAConnection();
        Xid next = xid();
        fresh.getXAResource().start(next, XAResource.TMNOFLAGS);
        update(fresh.getConnection(), "GUARDED", 2);
        fresh.getXAResource().end(next, XAResource.TMSUCCESS);
        fresh.getXAResource().commit(next, true);
        assertThat(value("GUARDED", 2)).isEqualTo(1);
        assertThat(lockedRows("GUARDED")).isZero();
        fresh.close();
    }

    @Test
    void aTransactionWithinTheCutoffAndWorkOutsideAnyTransactionAreLeftAlone() throws Exception {
        DeadlineClientXADataSource dataSource = dataSource(XA_TIMEOUT_MILLIS / 2);
        XAConnection connection = dataSource.getXAConnection();
        XAResource resource = connection.getXAResource();
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        update(connection.getConnection(), "QUICK", 1);
        update(connection.getConnection(), "QUICK", 2);
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);

        Connection local = connection.getConnection();
        Thread.sleep(XA_TIMEOUT_MILLIS);
        local.setAutoCommit(true);
        update(local, "QUICK", 1);
        assertThat(value("QUICK", 1)).isEqualTo(2);
        assertThat(value("QUICK", 2)).isEqualTo(1);
        connection.close();
    }

    @Test
    void aConnectionWhoseTransactionTheStoreTimedOutIsClosedAndTheOneAfterItWorks() throws Exception {
        DeadlineClientXADataSource dataSource = dataSource(0);
        XAConnection holder = dataSource.getXAConnection();
        Connection holding = holder.getConnection();
        holding.setAutoCommit(false);
        insertInto(holding, 1);

        XAConnection waiting = dataSource.getXAConnection();
        XAResource resource = waiting.getXAResource();
        Connection waiter = waiting.getConnection();
        Xid timedOut = xid();
        resource.start(timedOut, XAResource.TMNOFLAGS);
        // waits 4 s for the row's lock: the store rolls the global transaction back at 2 s
        assertThatThrownBy(() -> insertInto(waiter, 1)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> resource.end(timedOut, XAResource.TMSUCCESS)).isInstanceOf(XAException.class);
        // isClosed, not isValid: a statement on a connection whose branch the store timed out may fail or pass
        // depending on when the timeout struck, so only the guard's own closing is asserted here
        assertThat(waiter.isClosed()).as("not closed before the rollback").isFalse();
        assertThatThrownBy(() -> resource.rollback(timedOut)).isInstanceOf(XAException.class);
        holding.rollback();

        assertThat(waiter.isClosed()).as("closed by the failed rollback").isTrue();
        assertThat(waiter.isValid(1))
                .as("the pool's validation now discards it")
                .isFalse();
        Xid next = xid();
        assertThatThrownBy(() -> resource.start(next, XAResource.TMNOFLAGS))
                .isInstanceOf(XAException.class)
                .satisfies(
                        refused -> assertThat(((XAException) refused).errorCode).isEqualTo(XAException.XAER_RMFAIL));

        XAConnection fresh = dataSource.getXAConnection();
        Xid committed = xid();
        fresh.getXAResource().start(committed, XAResource.TMNOFLAGS);
        insertInto(fresh.getConnection(), 2);
        fresh.getXAResource().end(committed, XAResource.TMSUCCESS);
        fresh.getXAResource().commit(committed, true);
        assertThat(ids(holding)).contains(2).doesNotContain(1);
        assertThat(activeTransactionsHoldingLocks(holding)).isZero();
        fresh.close();
        holder.close();
    }

    @Test
    void aConnectionWithoutFailuresStaysOpen() throws Exception {
        XAConnection connection = dataSource(0).getXAConnection();
        XAResource resource = connection.getXAResource();
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        insertInto(connection.getConnection(), 100 + XIDS.get());
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);
        assertThat(connection.getConnection().isValid(1)).isTrue();
        Xid again = xid();
        resource.start(again, XAResource.TMNOFLAGS);
        resource.end(again, XAResource.TMSUCCESS);
        resource.rollback(again);
        connection.close();
    }

    private static DeadlineClientXADataSource dataSource(long cutoffMillis) {
        DeadlineClientXADataSource dataSource = new DeadlineClientXADataSource();
        dataSource.setServerName("127.0.0.1");
        dataSource.setPortNumber(port);
        dataSource.setDatabaseName("cutoff");
        dataSource.setCreateDatabase("create");
        dataSource.setReadTimeout(10);
        dataSource.setStatementCutoffMillis(cutoffMillis);
        return dataSource;
    }

    private static void update(Connection connection, String table, int id) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + table + " SET V = V + 1 WHERE ID = ?")) {
            update.setInt(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static int value(String table, int id) throws SQLException {
        try (Connection reader = dataSource(0).getXAConnection().getConnection();
                Statement select = reader.createStatement();
                ResultSet row = select.executeQuery("SELECT V FROM " + table + " WHERE ID = " + id)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int lockedRows(String table) throws SQLException {
        try (Connection reader = dataSource(0).getXAConnection().getConnection();
                Statement select = reader.createStatement();
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE"
                        + " WHERE TABLENAME = '" + table + "' AND TYPE = 'ROW'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void insertInto(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO T VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
    }

    private static java.util.List<Integer> ids(Connection connection) throws SQLException {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT ID FROM T")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        connection.commit();
        return ids;
    }

    private static int activeTransactionsHoldingLocks(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows =
                        select.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE TABLENAME = 'T'")) {
            rows.next();
            int locks = rows.getInt(1);
            connection.commit();
            return locks;
        }
    }

    private static Xid xid() {
        int number = XIDS.incrementAndGet();
        return new Xid() {
            @Override
            public int getFormatId() {
                return 4242;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return ("coffer-cutoff-" + number).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
    }
}
