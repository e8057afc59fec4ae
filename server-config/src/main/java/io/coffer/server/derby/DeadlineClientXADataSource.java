package io.coffer.server.derby;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
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
 *
 * <p>A login or a validation that ran into its deadline marks the server silent for one deadline
 * ({@link SilentServers}): meanwhile logins and validations to it fail at once, so a request pays one deadline for a
 * frozen store, not one per idle connection of the pool.
 *
 * <p>A connection on which an XA call failed is closed ({@link DroppedOnXaFailure}): the store may keep a transaction
 * on it that no XA id names, which the pool's validation does not see.
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
        return bounded(() -> super.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return bounded(() -> super.getXAConnection(user, password));
    }

    private interface Login {
        XAConnection connect() throws SQLException;
    }

    /** The login waits no longer than a reply: the pool's {@code loginTimeout} property was seen not to reach Derby. */
    private void boundLogin() {
        if (readTimeout > 0 && getLoginTimeout() == 0) {
            setLoginTimeout(readTimeout);
        }
    }

    /** A login, refused at once while the server is silent (see {@link SilentServers}), bounded by the deadline. */
    private XAConnection bounded(Login login) throws SQLException {
        boundLogin();
        if (readTimeout == 0) {
            return login.connect();
        }
        String address = getServerName() + ":" + getPortNumber();
        if (SilentServers.ALL.isSilent(address)) {
            throw new SQLNonTransientConnectionException(
                    "the Derby network server at " + address + " did not answer within its deadline a moment ago",
                    "08001");
        }
        long started = System.nanoTime();
        XAConnection connection;
        try {
            connection = login.connect();
        } catch (SQLException refused) {
            if (SilentServers.ranIntoDeadline(System.nanoTime() - started, SECONDS.toNanos(getLoginTimeout()))) {
                SilentServers.ALL.heardNothingFrom(address, SECONDS.toNanos(readTimeout));
            }
            throw refused;
        }
        try {
            applyDeadline(connection, readTimeout);
        } catch (SQLException failure) {
            connection.close();
            throw failure;
        }
        return new Bounded(connection, readTimeout, address);
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
        private final String address;

        Bounded(XAConnection derby, int seconds, String address) {
            this.derby = derby;
            this.seconds = seconds;
            this.address = address;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection logical = derby.getConnection();
            applyDeadline(derby, seconds);
            return ValidationWatch.watching(logical, address, SECONDS.toNanos(seconds), SilentServers.ALL);
        }

        @Override
        public XAResource getXAResource() throws SQLException {
            return new DroppedOnXaFailure(derby.getXAResource(), derby::close);
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

    /**
     * The Derby network servers that just let a call run into its deadline, by address, and until when they are not
     * asked again. A frozen server accepts TCP and answers nothing, so without this every call pays the whole deadline on
     * its own: a request that finds the pool's idle connections stale validates them one after the other (a deadline
     * each) and then fails to log in (one more), and a write with Derby frozen took over 15 s to be refused. Once one call
     * has gone unanswered, validations and logins to that server fail at once for a short quiet period; the first call
     * after it asks the server again. Only calls that cannot wait on a lock (a login, a connection's validation) put a
     * server here, so a statement waiting for a busy row never makes a live server look silent.
     */
    static final class SilentServers {

        static final SilentServers ALL = new SilentServers(System::nanoTime);

        private final Map<String, Long> quietUntil = new ConcurrentHashMap<>();
        private final LongSupplier nanoTime;

        SilentServers(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
        }

        /** The server at this address did not answer a call within its deadline: leave it alone for that long. */
        void heardNothingFrom(String address, long quietNanos) {
            quietUntil.put(address, nanoTime.getAsLong() + quietNanos);
        }

        /** Whether a call to the server at this address would only wait out its deadline again. */
        boolean isSilent(String address) {
            Long until = quietUntil.get(address);
            if (until == null) {
                return false;
            }
            if (nanoTime.getAsLong() - until < 0) {
                return true;
            }
            quietUntil.remove(address, until);
            return false;
        }

        /** A call that ended after this long without success went unanswered (with a little slack for the clock). */
        static boolean ranIntoDeadline(long elapsedNanos, long deadlineNanos) {
            return elapsedNanos >= deadlineNanos - deadlineNanos / 10;
        }
    }

    /**
     * A Derby client connection whose validation ({@link Connection#isValid}, what the pool asks before it hands out an
     * idle connection) answers {@code false} at once while its server is silent, and reports a validation that ran into
     * the deadline so that the server counts as silent. Every other call goes to the connection unchanged.
     */
    static final class ValidationWatch {

        private ValidationWatch() {}

        static Connection watching(Connection logical, String address, long deadlineNanos, SilentServers silent) {
            return (Connection) Proxy.newProxyInstance(
                    ValidationWatch.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "isValid":
                                return isValid(logical, (Integer) args[0], address, deadlineNanos, silent);
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            default:
                                return call(logical, method, args);
                        }
                    });
        }

        private static boolean isValid(
                Connection logical, int timeoutSeconds, String address, long deadlineNanos, SilentServers silent)
                throws Exception {
            if (silent.isSilent(address)) {
                return false;
            }
            long started = System.nanoTime();
            boolean valid = logical.isValid(timeoutSeconds);
            if (!valid && SilentServers.ranIntoDeadline(System.nanoTime() - started, deadlineNanos)) {
                silent.heardNothingFrom(address, deadlineNanos);
            }
            return valid;
        }

        private static Object call(Connection logical, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(logical, args);
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
        }
    }

    /**
     * A Derby XA resource that closes its connection when an XA call fails, so that the pool's validation discards it
     * instead of handing it out again. After a failed call the store's state of the connection is not known: when Derby
     * rolls back a global transaction past {@code derby.jdbc.xaTransactionTimeout} while one of its statements still waits
     * for a lock, the connection keeps a transaction that no XA id names (with what it locked), every later {@code start}
     * on it fails with {@code XAER_PROTO}, and {@code Connection.isValid}, the pool's check, still passes. Closing it makes
     * the server roll back whatever it kept. A failed {@code end} or {@code prepare} is followed by the transaction
     * manager's {@code rollback}, which is let through first; any other failed call closes the connection at once.
     */
    static final class DroppedOnXaFailure implements XAResource {

        private static final Logger LOG = Logger.getLogger(DroppedOnXaFailure.class.getName());

        private final XAResource derby;
        private final Closeable connection;
        private volatile XAException doomedBy;
        private volatile boolean closed;

        DroppedOnXaFailure(XAResource derby, Closeable connection) {
            this.derby = derby;
            this.connection = connection;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            XAException doomed = doomedBy;
            if (doomed != null) {
                close(doomed);
                XAException refused = new XAException(XAException.XAER_RMFAIL);
                refused.initCause(doomed);
                throw refused;
            }
            try {
                derby.start(xid, flags);
            } catch (XAException failure) {
                close(failure);
                throw failure;
            }
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            try {
                derby.end(xid, flags);
            } catch (XAException failure) {
                doomedBy = failure;
                throw failure;
            }
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            try {
                return derby.prepare(xid);
            } catch (XAException failure) {
                doomedBy = failure;
                throw failure;
            }
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            try {
                derby.commit(xid, onePhase);
            } catch (XAException failure) {
                close(failure);
                throw failure;
            }
            closeIfDoomed();
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            try {
                derby.rollback(xid);
            } catch (XAException failure) {
                close(failure);
                throw failure;
            }
            closeIfDoomed();
        }

        @Override
        public void forget(Xid xid) throws XAException {
            try {
                derby.forget(xid);
            } catch (XAException failure) {
                close(failure);
                throw failure;
            }
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return derby.recover(flag);
        }

        @Override
        public boolean isSameRM(XAResource other) throws XAException {
            return derby.isSameRM(other instanceof DroppedOnXaFailure wrapped ? wrapped.derby : other);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return derby.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return derby.setTransactionTimeout(seconds);
        }

        private void closeIfDoomed() {
            XAException doomed = doomedBy;
            if (doomed != null) {
                close(doomed);
            }
        }

        private void close(XAException failure) {
            doomedBy = failure;
            if (closed) {
                return;
            }
            closed = true;
            LOG.log(
                    Level.WARNING,
                    "closing a store connection after a failed XA call (" + failure + ", XA error " + failure.errorCode
                            + "): its transaction state on the store is not known");
            try {
                connection.close();
            } catch (Exception closing) {
                LOG.log(Level.FINE, "closing the store connection failed", closing);
            }
        }

        /** What is closed: the XA connection under the pool's managed connection. */
        @FunctionalInterface
        interface Closeable {
            void close() throws Exception;
        }
    }
}
