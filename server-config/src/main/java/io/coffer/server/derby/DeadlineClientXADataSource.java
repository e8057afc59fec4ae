package io.coffer.server.derby;

import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import org.apache.derby.jdbc.ClientXADataSource;

/**
 * Derby's XA client data source with a read deadline on every connection's socket. Derby's network client waits for a
 * reply as long as it takes: after login it sets its socket's timeout back to 0, it has no property for a read
 * timeout, it does not implement {@code setNetworkTimeout}, and a statement's query timeout is enforced by the server,
 * so a server that is frozen (SIGSTOP, a hung disk) but still accepts TCP holds the caller forever. This class sets
 * {@code SO_TIMEOUT} on the socket after connect, and again each time the pool takes a logical connection (Derby's reset
 * of the physical connection clears it), so a call to a hung server fails after {@link #getReadTimeout()}
 * seconds with SQL state 08006 (connection lost), and the pool discards the connection.
 *
 * <p>It runs inside the app server (each domain's {@code lib/}, next to Derby's jars), never in the CLI. The client
 * keeps the socket in non-public fields; {@link #socketOf} names them and fails loudly if a Derby upgrade moved them.
 * A connection whose socket cannot be bounded is refused rather than handed out without a deadline.
 */
public class DeadlineClientXADataSource extends ClientXADataSource {

    private static final long serialVersionUID = 1L;

    private int readTimeout;

    /** Seconds a call waits for the server's reply before the connection counts as lost; 0 waits for ever. */
    public int getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("readTimeout must be 0 (none) or a number of seconds, not " + seconds);
        }
        this.readTimeout = seconds;
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        boundLogin();
        return bounded(super.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        boundLogin();
        return bounded(super.getXAConnection(user, password));
    }

    /** The login waits no longer than a reply: the pool's {@code loginTimeout} property was seen not to reach Derby. */
    private void boundLogin() {
        if (readTimeout > 0 && getLoginTimeout() == 0) {
            setLoginTimeout(readTimeout);
        }
    }

    private XAConnection bounded(XAConnection connection) throws SQLException {
        if (readTimeout == 0) {
            return connection;
        }
        try {
            applyDeadline(connection, readTimeout);
        } catch (SQLException failure) {
            connection.close();
            throw failure;
        }
        return new Bounded(connection, readTimeout);
    }

    static void applyDeadline(XAConnection connection, int seconds) throws SQLException {
        try {
            socketOf(connection).setSoTimeout(Math.multiplyExact(seconds, 1000));
        } catch (SocketException | ReflectiveOperationException | RuntimeException failure) {
            throw new SQLNonTransientConnectionException(
                    "cannot set a read deadline on the Derby client's socket (" + failure + ")", "08004", failure);
        }
    }

    /**
     * The XA connection the pool holds. The pool takes a new logical connection from it for each use, and Derby
     * resets the physical connection then, which sets the socket's timeout back to 0: the deadline is set again after.
     */
    static final class Bounded implements XAConnection {

        private final XAConnection derby;
        private final int seconds;

        Bounded(XAConnection derby, int seconds) {
            this.derby = derby;
            this.seconds = seconds;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection logical = derby.getConnection();
            applyDeadline(derby, seconds);
            return logical;
        }

        @Override
        public XAResource getXAResource() throws SQLException {
            return derby.getXAResource();
        }

        @Override
        public void close() throws SQLException {
            derby.close();
        }

        @Override
        public void addConnectionEventListener(ConnectionEventListener listener) {
            derby.addConnectionEventListener(listener);
        }

        @Override
        public void removeConnectionEventListener(ConnectionEventListener listener) {
            derby.removeConnectionEventListener(listener);
        }

        @Override
        public void addStatementEventListener(StatementEventListener listener) {
            derby.addStatementEventListener(listener);
        }

        @Override
        public void removeStatementEventListener(StatementEventListener listener) {
            derby.removeStatementEventListener(listener);
        }
    }

    /**
     * The socket under a Derby client XA connection: the pooled connection's physical connection, its network agent,
     * the agent's socket (the XA resource talks over the same connection).
     */
    static Socket socketOf(Object xaConnection) throws ReflectiveOperationException {
        Object physical = field(xaConnection, "physicalConnection_");
        Object agent = field(physical, "netAgent_");
        Object socket = field(agent, "socket_");
        if (!(socket instanceof Socket open)) {
            throw new NoSuchFieldException("the Derby client's agent holds no socket");
        }
        return open;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        if (owner == null) {
            throw new NoSuchFieldException(name + " (on nothing)");
        }
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name + " in " + owner.getClass().getName() + " or its superclasses");
    }
}
