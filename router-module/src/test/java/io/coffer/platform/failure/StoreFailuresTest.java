package io.coffer.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    /** How JPA reports a failed flush: the driver's exception a few causes down. */
    private static RuntimeException wrapped(Throwable driver) {
        return new IllegalStateException("flush failed", new RuntimeException("Internal Exception", driver));
    }

    @Test
    void aStoreThatStoppedAnsweringIsUnavailable() {
        assertThat(StoreFailures.isUnavailable(wrapped(new SQLNonTransientConnectionException(
                        "A communications error has been detected: Read timed out", "08006"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new java.net.SocketTimeoutException("Read timed out"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new XAException(XAException.XAER_RMFAIL))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new XAException(XAException.XA_RBCOMMFAIL))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new XAException(XAException.XAER_PROTO))))
                .isFalse();
    }

    @Test
    void aTransactionTheManagerRolledBackAtCommitIsUnavailableNotABug() {
        assertThat(StoreFailures.isUnavailable(new jakarta.ejb.EJBException(
                        "Transaction aborted", new jakarta.transaction.RollbackException())))
                .isTrue();
    }

    @Test
    void aTransactionTheManagerCouldNotEndOnABrokenConnectionIsUnavailable() {
        assertThat(StoreFailures.isUnavailable(new jakarta.ejb.EJBException(new jakarta.transaction.SystemException(
                        "JTS5031: Exception [org.omg.CORBA.INTERNAL] on Resource [rollback] operation"))))
                .isTrue();
    }

    @Test
    void aTransactionTheStoreRolledBackOnALockTimeoutOrADeadlockIsUnavailableNotABug() {
        assertThat(StoreFailures.isUnavailable(
                        new jakarta.persistence.PersistenceException(new java.sql.SQLTransactionRollbackException(
                                "A lock could not be obtained within the time requested", "40XL1"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(
                        wrapped(new java.sql.SQLTransactionRollbackException("a deadlock was detected", "40001"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new SQLException("syntax error", "42X01"))))
                .isFalse();
    }

    @Test
    void aTakenUniqueKeyIsADuplicate() {
        SQLException duplicate =
                new SQLIntegrityConstraintViolationException("duplicate key value in a unique index", "23505");
        assertThat(StoreFailures.isDuplicateKey(wrapped(duplicate))).isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(duplicate))).isFalse();
    }

    @Test
    void aDuplicateInsideABatchIsFoundThroughTheNextException() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "XJ208", 0, new int[0], null);
        batch.setNextException(new SQLIntegrityConstraintViolationException("duplicate", "23505"));
        assertThat(StoreFailures.isDuplicateKey(wrapped(batch))).isTrue();
    }

    @Test
    void otherWriteFailuresAreNotDuplicates() {
        assertThat(StoreFailures.isDuplicateKey(wrapped(new SQLException("'Statement' already closed.", "XJ012"))))
                .isFalse();
        assertThat(StoreFailures.isDuplicateKey(wrapped(new SQLException("A lock could not be obtained", "40XL1"))))
                .isFalse();
        assertThat(StoreFailures.isDuplicateKey(new IllegalStateException("no cause")))
                .isFalse();
    }

    @Test
    void aStoreThatCannotBeReachedIsUnavailable() {
        assertThat(StoreFailures.isUnavailable(wrapped(new SQLNonTransientConnectionException("refused", "08001"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new SQLException("connection lost", "08006"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(wrapped(new SQLException("syntax error", "42X01"))))
                .isFalse();
        assertThat(StoreFailures.isDuplicateKey(wrapped(new SQLException("connection lost", "08006"))))
                .isFalse();
    }
}
