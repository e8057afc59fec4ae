package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * What the store connections of the hosts' pools do when the store fails a global transaction, against a real Derby
 * network server whose XA timeout (2 s) is shorter than its lock wait (4 s), as happens when a statement waits for a
 * lock past the XA timeout.
 */
class DroppedOnXaFailureTest {

    private static final AtomicInteger XIDS = new AtomicInteger();
    private static NetworkServerControl server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        Path home = Files.createTempDirectory("coffer-xa-failure");
        System.setProperty("derby.system.home", home.toString());
        System.setProperty("derby.jdbc.xaTransactionTimeout", "2");
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
        try (Connection setup = dataSource().getXAConnection().getConnection();
                Statement create = setup.createStatement()) {
            create.execute("CREATE TABLE T (ID INT PRIMARY KEY)");
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.shutdown();
    }

    @Test
    void aConnectionWhoseTransactionTheStoreTimedOutIsClosedAndTheOneAfterItWorks() throws Exception {
        DeadlineClientXADataSource dataSource = dataSource();
        XAConnection holder = dataSource.getXAConnection();
        Connection holding = holder.getConnection();
        holding.setAutoCommit(false);
        insert(holding, 1);

        XAConnection waiting = dataSource.getXAConnection();
        XAResource resource = waiting.getXAResource();
        Connection waiter = waiting.getConnection();
        Xid timedOut = xid();
        resource.start(timedOut, XAResource.TMNOFLAGS);
        // waits 4 s for the row's lock: the store rolls the global transaction back at 2 s
        assertThatThrownBy(() -> insert(waiter, 1)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> resource.end(timedOut, XAResource.TMSUCCESS)).isInstanceOf(XAException.class);
        assertThat(waiter.isValid(1)).as("not closed before the rollback").isTrue();
        assertThatThrownBy(() -> resource.rollback(timedOut)).isInstanceOf(XAException.class);
        holding.rollback();

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
        insert(fresh.getConnection(), 2);
        fresh.getXAResource().end(committed, XAResource.TMSUCCESS);
        fresh.getXAResource().commit(committed, true);
        assertThat(ids(holding)).contains(2).doesNotContain(1);
        assertThat(activeTransactionsHoldingLocks(holding)).isZero();
        fresh.close();
        holder.close();
    }

    @Test
    void aConnectionWithoutFailuresStaysOpen() throws Exception {
        XAConnection connection = dataSource().getXAConnection();
        XAResource resource = connection.getXAResource();
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        insert(connection.getConnection(), 100 + XIDS.get());
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);
        assertThat(connection.getConnection().isValid(1)).isTrue();
        Xid again = xid();
        resource.start(again, XAResource.TMNOFLAGS);
        resource.end(again, XAResource.TMSUCCESS);
        resource.rollback(again);
        connection.close();
    }

    private static DeadlineClientXADataSource dataSource() {
        DeadlineClientXADataSource dataSource = new DeadlineClientXADataSource();
        dataSource.setServerName("127.0.0.1");
        dataSource.setPortNumber(port);
        dataSource.setDatabaseName("xa");
        dataSource.setCreateDatabase("create");
        dataSource.setReadTimeout(10);
        return dataSource;
    }

    private static void insert(Connection connection, int id) throws SQLException {
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
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE")) {
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
                return ("coffer-test-" + number).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
    }
}
