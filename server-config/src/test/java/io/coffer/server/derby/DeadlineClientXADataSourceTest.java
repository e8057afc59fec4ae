package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.net.Socket;
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
