package io.coffer.routing.control;

import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs work outside the caller's JTA transaction, resuming it afterwards. Opening a store creates its tables, and that
 * must not ride on a caller's transaction: a rollback would undo it behind the unit's back.
 */
final class TransactionSuspension {

    private static final String TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    private TransactionSuspension() {}

    static <T> T outside(Supplier<T> work) {
        TransactionManager manager = transactionManager();
        Transaction suspended;
        try {
            suspended = manager.suspend();
        } catch (SystemException failure) {
            throw new IllegalStateException("could not suspend the caller's transaction", failure);
        }
        try {
            return work.get();
        } finally {
            if (suspended != null) {
                try {
                    manager.resume(suspended);
                } catch (InvalidTransactionException | SystemException failure) {
                    throw new IllegalStateException("could not resume the caller's transaction", failure);
                }
            }
        }
    }

    private static TransactionManager transactionManager() {
        try {
            return (TransactionManager) new InitialContext().lookup(TRANSACTION_MANAGER);
        } catch (NamingException missing) {
            throw new IllegalStateException("no transaction manager at " + TRANSACTION_MANAGER, missing);
        }
    }
}
