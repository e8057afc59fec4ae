package io.coffer.replication.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.store.DerbyStore;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease and bookmark of a store's backfill as two hosts see them in its {@code REPL_MIGRATION} row: the holder
 * works, the other waits until the lease runs out and then goes on from the holder's last committed bookmark; a new
 * run (after a rollback) starts afresh.
 */
class WorkLeaseTest {

    private static final StoreId SHARD = StoreId.of("shard-0");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SortedMap<String, String> TABLES = new TreeMap<>(Map.of("PROBE", "ID"));

    private static DerbyStore remote;

    @BeforeAll
    static void createStore() throws SQLException {
        remote = DerbyStore.remote(SHARD);
        remote.execute("CREATE TABLE PROBE (ID VARCHAR(64) NOT NULL PRIMARY KEY, NOTE VARCHAR(200))");
        for (int i = 1; i <= 6; i++) {
            remote.execute("INSERT INTO PROBE (ID, NOTE) VALUES ('p-" + i + "', 'note')");
        }
        remote.connection().commit();
    }

    @AfterAll
    static void dropStore() throws SQLException {
        remote.close();
    }

    @Test
    void anotherHostTakesTheWorkOverFromTheBookmarkOnlyOnceTheLeaseRunsOut() throws SQLException {
        Connection store = remote.connection();
        assertThat(step(store, "host-1", 1, T0).processed()).isEqualTo(2);
        store.commit();

        WorkRow seenByOther = WorkRows.lockCurrent(store, SHARD, WorkKind.BACKFILL, 1, TABLES, T0.plusSeconds(5))
                .orElseThrow();
        assertThat(seenByOther.leasedToOtherThan("host-2", T0.plusSeconds(5))).isTrue();
        assertThat(seenByOther.leasedToOtherThan("host-1", T0.plusSeconds(5))).isFalse();
        store.rollback();

        // host-1 died: once its lease has run out, host-2 goes on where host-1's last step committed.
        Instant later = T0.plus(MigrationSteps.LEASE).plusSeconds(1);
        WorkRow takenOver = step(store, "host-2", 1, later);
        store.commit();
        assertThat(takenOver.leaseHolder()).isEqualTo("host-2");
        assertThat(takenOver.processed()).isEqualTo(4);
        assertThat(takenOver.lastKey()).isEqualTo("p-4");
        assertThat(pendingKeys()).isEqualTo(4);

        WorkRow restarted = WorkRows.lockCurrent(store, SHARD, WorkKind.BACKFILL, 2, TABLES, later)
                .orElseThrow();
        store.commit();
        assertThat(restarted.processed()).as("a new run starts afresh").isZero();
        assertThat(restarted.lastKey()).isNull();
        assertThat(restarted.total()).isEqualTo(6);
    }

    @Test
    void aStepOfARunThatARollbackDiscardedLeavesTheLaterRunAlone() throws SQLException {
        Connection store = remote.connection();
        assertThat(step(store, "host-1", 3, T0).processed()).isEqualTo(2);
        store.commit();

        // host-2 read run 2 before the operator's rollback and advance started run 3
        assertThat(WorkRows.lockCurrent(store, SHARD, WorkKind.BACKFILL, 2, TABLES, T0.plusSeconds(1)))
                .isEmpty();
        store.commit();

        WorkRow kept = WorkRows.read(store, SHARD, WorkKind.BACKFILL).orElseThrow();
        assertThat(kept.run()).isEqualTo(3);
        assertThat(kept.processed()).isEqualTo(2);
        assertThat(kept.lastKey()).isEqualTo("p-2");
    }

    /** What {@code MigrationSteps.backfill} does on one host with a budget of two. */
    private static WorkRow step(Connection store, String host, long run, Instant now) throws SQLException {
        WorkRow row = WorkRows.lockCurrent(store, SHARD, WorkKind.BACKFILL, run, TABLES, now)
                .orElseThrow();
        assertThat(row.leasedToOtherThan(host, now)).isFalse();
        Backfill.Step step = Backfill.step(store, TABLES, row.table(), row.lastKey(), 2, now);
        WorkRow next = row.leasedTo(host, now.plus(MigrationSteps.LEASE))
                .advanced(
                        step.table(), step.lastKey(), step.finished(), step.processed(), step.skipped(), 0, 0, 0, now);
        WorkRows.update(store, SHARD, next);
        return WorkRows.read(store, SHARD, WorkKind.BACKFILL).orElseThrow();
    }

    private static long pendingKeys() throws SQLException {
        try (PreparedStatement count =
                        remote.connection().prepareStatement("SELECT COUNT(DISTINCT ENTITY_KEY) FROM REPL_PENDING");
                var rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
