package io.coffer.platform.failure;

import java.sql.SQLException;
import javax.transaction.xa.XAException;

/**
 * Recognises what a store failure means: a store that cannot be reached or does not answer within its deadline (as
 * opposed to a bug or a client mistake), so
 * that the boundary can answer 503 ServiceUnavailable and the caller can retry; or a unique key already taken.
 */
public final class StoreFailures {

    private StoreFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (isConnectionState(sql.getSQLState()) || isRolledBackState(sql.getSQLState()))) {
                return true;
            }
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
            // a resource manager that stopped answering mid-transaction (its connection hit a deadline or broke)
            if (cause instanceof XAException xa
                    && (xa.errorCode == XAException.XAER_RMFAIL || xa.errorCode == XAException.XA_RBCOMMFAIL)) {
                return true;
            }
            // The transaction manager could not commit and rolled everything back (a resource failed its prepare or
            // the transaction outlived its deadline): nothing was written, so the caller may retry. A bean's own
            // rollback never surfaces this way; it ends in the bean's exception.
            if (cause instanceof jakarta.transaction.RollbackException) {
                return true;
            }
            // The transaction manager failed to end the transaction on a resource (seen on a pooled connection that
            // a hung store had broken, right after it answered again): the write did not commit as a whole; a retry
            // with the same retry token is safe.
            if (cause instanceof jakarta.transaction.SystemException) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.endsWith("SQLNonTransientConnectionException")
                    || name.endsWith("SQLTransientConnectionException")
                    || name.equals("jakarta.resource.spi.ResourceAllocationException")
                    || name.equals("jakarta.resource.ResourceException")
                            && String.valueOf(cause.getMessage()).contains("connection")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A write refused because a row with the same unique key exists: the other side of a race on a name or a token.
     * Anything else that fails a write is not a conflict and must not be reported as one.
     */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // a batch reports the failed statement's own exception as its next one
            for (SQLException sql = cause instanceof SQLException first ? first : null;
                    sql != null;
                    sql = sql.getNextException()) {
                if ("23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SQL state class 40 is "transaction rollback": the store rolled the transaction back (Derby: 40XL1 a lock not
     * obtained in time, 40001 a deadlock), so nothing of it was written and a retry may succeed. Seen while a
     * transaction left prepared by a crash held its row locks until its host recovered it.
     */
    static boolean isRolledBackState(String sqlState) {
        return sqlState != null && sqlState.startsWith("40");
    }

    /** SQL state class 08 is "connection exception"; Derby's client uses 08001 (refused) and 08006 (lost). */
    static boolean isConnectionState(String sqlState) {
        return sqlState != null && sqlState.startsWith("08");
    }
}
