package io.coffer.routing.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A server JDBC resource's connections that no JTA transaction enlists, for reads beside a transaction that writes
 * another store (see {@link ShardRouter}). Payara hands them out through its own data source's
 * {@code getNonTxConnection()}, reached by reflection so that nothing here compiles against the server.
 */
final class NonTransactionalDataSource implements DataSource {

    private final DataSource server;
    private final Method nonTransactional;

    NonTransactionalDataSource(DataSource server) {
        this.server = server;
        try {
            this.nonTransactional = server.getClass().getMethod("getNonTxConnection");
        } catch (NoSuchMethodException missing) {
            throw new IllegalStateException(
                    "the server's data source " + server.getClass().getName() + " has no non-transactional connections",
                    missing);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return (Connection) nonTransactional.invoke(server);
        } catch (InvocationTargetException failed) {
            if (failed.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("no non-transactional connection: " + failed.getCause(), failed.getCause());
        } catch (IllegalAccessException refused) {
            throw new SQLException("no non-transactional connection: " + refused, refused);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return server.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        server.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        server.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return server.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return server.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return server.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return server.isWrapperFor(type);
    }
}
