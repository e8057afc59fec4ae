package io.coffer.server.derby;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>Its connections also refuse a statement of a global transaction that has run for {@link
 * #DEFAULT_STATEMENT_CUTOFF_SECONDS} seconds ({@link BranchClock}): past the store's XA timeout such a statement would
 * lock rows that nothing unlocks. A connection on which an XA call failed is closed ({@link GuardedXaResource}): a connection whose transaction the
 * store timed out refuses every later transaction, and the pool's validation does not see it.
 */
public class DeadlineClientXADataSource extends ClientXADataSource {

    private static final long serialVersionUID = 1L;

    /**
     * Seconds a global transaction may send statements, counted from its start on the connection: below the Derby
     * servers' {@code derby.jdbc.xaTransactionTimeout} (30 s) by more than a reply's deadline.
     */
    public static final int DEFAULT_STATEMENT_CUTOFF_SECONDS = 27;

    private int readTimeout;
    private long statementCutoffMillis = TimeUnit.SECONDS.toMillis(DEFAULT_STATEMENT_CUTOFF_SECONDS);

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

    /** For tests against a server with a short XA timeout. */
    void setStatementCutoffMillis(long millis) {
        this.statementCutoffMillis = millis;
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
        return new Bounded(connection, readTimeout, new BranchClock(statementCutoffMillis));
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
        private final BranchClock branch;

        Bounded(XAConnection derby, int seconds, BranchClock branch) {
            this.derby = derby;
            this.seconds = seconds;
            this.branch = branch;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection logical = derby.getConnection();
            applyDeadline(derby, seconds);
            return branch.guard(logical);
        }

        @Override
        public XAResource getXAResource() throws SQLException {
            return new GuardedXaResource(derby.getXAResource(), branch, this::close);
        }

        /**
         * Closing talks to the server (Derby commits what the connection had open), and a reset may have cleared the
         * socket's timeout: without the deadline set again, the pool destroying a connection to a frozen server waited
         * for it forever, with the request that had found the connection invalid.
         */
        @Override
        public void close() throws SQLException {
            try {
                applyDeadline(derby, seconds);
            } catch (SQLException unbounded) {
                // closed anyway: a socket that cannot take a timeout is already closed or broken
            }
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
     * How long the global transaction on one connection has run, and the refusal of its statements past the cutoff.
     *
     * <p>Derby rolls back a global transaction that outlives {@code derby.jdbc.xaTransactionTimeout}. A statement the
     * client sends on the connection after that runs in a new transaction that no XA id names: {@code end} and {@code
     * rollback} answer {@code XAER_NOTA}, closing the connection does not end it, and the rows it locked stay locked
     * until the Derby server restarts (every host's writes to them then fail). That happened to a host frozen for 30 s
     * that went on where it stopped, and can happen to any transaction that waits that long between two statements.
     * Refusing the statement here instead (SQL state 40000, transaction rolled back; the caller answers 503) ends the
     * transaction with nothing locked. The clock starts when the connection joins the transaction, no later than the
     * store's own, and is shared by the connections that join the same transaction.
     */
    static final class BranchClock {

        private static final long NOT_IN_A_TRANSACTION = Long.MIN_VALUE;
        /** When each open global transaction of this JVM started, for connections that join or resume it. */
        private static final Map<String, Long> STARTS = new ConcurrentHashMap<>();
        /** Bounds {@link #STARTS} if a transaction manager never completes some transaction through these resources. */
        private static final int MOST_STARTS_KEPT = 10_000;

        private final long cutoffNanos;
        private volatile long startedAt = NOT_IN_A_TRANSACTION;

        BranchClock(long cutoffMillis) {
            this.cutoffNanos = TimeUnit.MILLISECONDS.toNanos(cutoffMillis);
        }

        /** Refuses a statement when the connection's global transaction has run past the cutoff. */
        void check() throws SQLException {
            long started = startedAt;
            if (cutoffNanos <= 0 || started == NOT_IN_A_TRANSACTION) {
                return;
            }
            long ran = System.nanoTime() - started;
            if (ran > cutoffNanos) {
                throw new SQLTransactionRollbackException(
                        "the store transaction has run " + TimeUnit.NANOSECONDS.toMillis(ran) + " ms, past the "
                                + TimeUnit.NANOSECONDS.toMillis(cutoffNanos) + " ms its statements may be sent in"
                                + " (the store rolls it back soon after): the statement was not sent",
                        "40000");
            }
        }

        void started(Xid xid, int flags) {
            String key = key(xid);
            long now = System.nanoTime();
            if (flags == XAResource.TMNOFLAGS) {
                if (STARTS.size() >= MOST_STARTS_KEPT) {
                    STARTS.clear();
                }
                STARTS.put(key, now);
                startedAt = now;
            } else {
                startedAt = STARTS.getOrDefault(key, now);
            }
        }

        void ended() {
            startedAt = NOT_IN_A_TRANSACTION;
        }

        static void completed(Xid xid) {
            STARTS.remove(key(xid));
        }

        private static String key(Xid xid) {
            return xid.getFormatId() + ":" + Arrays.toString(xid.getGlobalTransactionId()) + ":"
                    + Arrays.toString(xid.getBranchQualifier());
        }

        /** The connection, whose statements check this clock before they are sent. */
        Connection guard(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    BranchClock.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "createStatement", "prepareStatement", "prepareCall":
                                check();
                                return guardStatement(invoke(connection, method, args), method.getReturnType(), proxy);
                            default:
                                return invoke(connection, method, args);
                        }
                    });
        }

        private Object guardStatement(Object statement, Class<?> type, Object connection) {
            if (!(type == Statement.class || type == PreparedStatement.class || type == CallableStatement.class)) {
                return statement;
            }
            return Proxy.newProxyInstance(
                    BranchClock.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("equals")) {
                            return proxy == args[0];
                        }
                        if (name.equals("hashCode")) {
                            return System.identityHashCode(proxy);
                        }
                        if (name.equals("getConnection")) {
                            return connection;
                        }
                        if (name.startsWith("execute")) {
                            check();
                        }
                        return invoke(statement, method, args);
                    });
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
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
     * The Derby XA resource of one connection: it starts and stops the connection's {@link BranchClock}, and closes
     * the connection when an XA call fails, so that the pool's validation discards it instead of handing it out
     * again. After a failed call the store's state of the connection is not known: when Derby rolls back a global
     * transaction past {@code derby.jdbc.xaTransactionTimeout}, every later {@code start} on the connection fails with
     * {@code XAER_PROTO}, and {@code Connection.isValid}, the pool's check, still passes. A failed {@code end} or {@code
     * prepare} is followed by the transaction manager's {@code rollback}, which is let through first; any other failed
     * call closes the connection at once.
     */
    static final class GuardedXaResource implements XAResource {

        private static final Logger LOG = Logger.getLogger(GuardedXaResource.class.getName());

        private final XAResource derby;
        private final BranchClock clock;
        private final AutoCloseable connection;
        private volatile XAException doomedBy;
        private volatile boolean closed;

        GuardedXaResource(XAResource derby, BranchClock clock, AutoCloseable connection) {
            this.derby = derby;
            this.clock = clock;
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
            clock.started(xid, flags);
            try {
                derby.start(xid, flags);
            } catch (XAException failure) {
                clock.ended();
                close(failure);
                throw failure;
            } catch (RuntimeException failure) {
                clock.ended();
                throw failure;
            }
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            clock.ended();
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
            BranchClock.completed(xid);
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
            BranchClock.completed(xid);
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
            BranchClock.completed(xid);
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
            return derby.isSameRM(other instanceof GuardedXaResource guarded ? guarded.derby : other);
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
    }
}
