package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.derby.client.ClientXAConnection;
import org.apache.derby.client.am.ClientConnection;
import org.apache.derby.client.net.NetAgent;
import org.apache.derby.client.net.NetConnection;
import org.junit.jupiter.api.Test;

class DeadlineClientXADataSourceTest {

    /** The fields the data source reaches the socket through: a Derby upgrade that moves them must fail here. */
    @Test
    void theDerbyClientStillKeepsItsSocketWhereTheDataSourceLooks() throws Exception {
        assertThat(declared(ClientXAConnection.class, "physicalConnection_").getType())
                .isEqualTo(ClientConnection.class);
        assertThat(declared(NetConnection.class, "netAgent_").getType()).isEqualTo(NetAgent.class);
        assertThat(declared(NetAgent.class, "socket_").getType()).isEqualTo(Socket.class);
    }

    @Test
    void aMissingLinkIsNamedNotTakenForASocket() {
        assertThatThrownBy(() -> DeadlineClientXADataSource.socketOf(new Object()))
                .isInstanceOf(NoSuchFieldException.class)
                .hasMessageContaining("physicalConnection_");
    }

    @Test
    void theDeadlineIsWholeSecondsAndZeroMeansNone() {
        var dataSource = new DeadlineClientXADataSource();
        assertThat(dataSource.getReadTimeout()).isZero();
        dataSource.setReadTimeout(5);
        assertThat(dataSource.getReadTimeout()).isEqualTo(5);
        assertThatThrownBy(() -> dataSource.setReadTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A frozen server accepts TCP and answers nothing: a peer that does just that. The first login waits out its
     * deadline; the next, at once after, fails without connecting; after the quiet period the server is asked again.
     */
    @Test
    void aServerThatLetALoginWaitOutItsDeadlineIsNotAskedAgainDuringTheQuietPeriod() throws Exception {
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(frozen.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            var dataSource = new DeadlineClientXADataSource();
            dataSource.setServerName("127.0.0.1");
            dataSource.setPortNumber(frozen.getLocalPort());
            dataSource.setDatabaseName("coffer-frozen");
            dataSource.setReadTimeout(1);

            assertThatThrownBy(dataSource::getXAConnection).isInstanceOf(SQLException.class);
            awaitAccepted(accepted, 1);

            assertThatThrownBy(dataSource::getXAConnection)
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("did not answer within its deadline")
                    .extracting(failure -> ((SQLException) failure).getSQLState())
                    .isEqualTo("08001");
            assertThat(accepted)
                    .as("no second connection while the server is silent")
                    .hasSize(1);

            Thread.sleep(1_100);
            assertThatThrownBy(dataSource::getXAConnection).isInstanceOf(SQLException.class);
            awaitAccepted(accepted, 2);

            frozen.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static void awaitAccepted(List<Socket> accepted, int count) throws InterruptedException {
        for (int i = 0; i < 100 && accepted.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(accepted).hasSize(count);
    }

    private static Field declared(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            try {
                return current.getDeclaredField(name);
            } catch (NoSuchFieldException notHere) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName());
    }
}
