package io.coffer.replication.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.apply.LocalRowWriter;
import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.replication.store.DerbyStore;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfill, the replay rule and the sweep on real (embedded, in-memory) Derby stores: what is replayed and skipped,
 * the bookmark that lets a backfill go on with no gap and nothing twice, a live change racing a replay, and a sweep
 * finding and repairing exactly what differs.
 */
class BackfillAndSweepTest {

    private static final StoreId SHARD = StoreId.of("shard-0");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PROBE = "CREATE TABLE PROBE (ID VARCHAR(64) NOT NULL PRIMARY KEY, NOTE VARCHAR(200),"
            + " UPDATED_AT TIMESTAMP, VERSION BIGINT)";
    private static final SortedMap<String, String> TABLES = new TreeMap<>(java.util.Map.of("PROBE", "ID"));

    private static DerbyStore remote;
    private static DerbyStore local;

    @BeforeAll
    static void createStores() throws SQLException {
        remote = DerbyStore.remote(SHARD);
        remote.execute(PROBE);
        remote.connection().commit();
        local = DerbyStore.local(PROBE);
    }

    @AfterAll
    static void dropStores() throws SQLException {
        local.close();
        remote.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        remote.reset();
        local.reset();
    }

    @Test
    void backfillReplaysWhatLiveSyncHasNotCarriedInBookmarkedStepsWithNoGapAndNothingTwice() throws SQLException {
        for (int i = 1; i <= 5; i++) {
            row(remote.connection(), "p-" + i, "note " + i, 1);
        }
        remote.connection().commit();
        remote.logged(1, 1, "PROBE", "p-2", "{}", T0);

        Backfill.Step step = Backfill.step(remote.connection(), TABLES, null, null, 2, T0);
        remote.connection().commit();
        assertThat(step).isEqualTo(new Backfill.Step("PROBE", "p-2", false, 2, 1));
        // A step that does not commit (the host died) leaves nothing: the next one starts from the same bookmark.
        Backfill.step(remote.connection(), TABLES, step.table(), step.lastKey(), 2, T0);
        remote.connection().rollback();
        Backfill.Step second = Backfill.step(remote.connection(), TABLES, step.table(), step.lastKey(), 2, T0);
        Backfill.Step last = Backfill.step(remote.connection(), TABLES, second.table(), second.lastKey(), 2, T0);
        remote.connection().commit();
        assertThat(second).isEqualTo(new Backfill.Step("PROBE", "p-4", false, 2, 0));
        assertThat(last.finished()).isTrue();
        assertThat(last.processed()).isEqualTo(1);

        List<RowChange> replayed = pending(remote.connection());
        assertThat(replayed).extracting(RowChange::entityKey).containsExactly("p-1", "p-3", "p-4", "p-5");
        assertThat(replayed.get(1).columns()).containsEntry("NOTE", "note 3").containsEntry("VERSION", 1L);
        assertThat(replayed).allMatch(change -> change.operation() == Operation.UPSERT);
    }

    @Test
    void aLiveChangeRacingAReplayNeverLeavesTheOlderRowLast() throws Exception {
        row(remote.connection(), "p-1", "before", 1);
        remote.connection().commit();

        // A live write lands between the replay taking its place in the log order and reading the row.
        EntityReplay.repair(remote.connection(), "PROBE", "ID", "p-1", T0, () -> {
            try (Connection writer = remote.open()) {
                writer.setAutoCommit(false);
                liveUpdate(writer, "p-1", "after", 2);
                writer.commit();
            }
        });
        remote.connection().commit();
        assertThat(lastApplied("p-1"))
                .as("the replay read the row after its place was taken")
                .isEqualTo("after");

        // A live write that holds the row when the replay reads it: the read waits for it, and carries its state.
        remote.reset();
        row(remote.connection(), "p-1", "before", 1);
        remote.connection().commit();
        ExecutorService replayer = Executors.newSingleThreadExecutor();
        try (Connection writer = remote.open()) {
            writer.setAutoCommit(false);
            liveUpdate(writer, "p-1", "newest", 3);
            Thread[] replaying = new Thread[1];
            CompletableFuture<EntityReplay.Outcome> replay = CompletableFuture.supplyAsync(
                    () -> {
                        replaying[0] = Thread.currentThread();
                        try {
                            return EntityReplay.repair(remote.connection(), "PROBE", "ID", "p-1", T0);
                        } catch (SQLException failure) {
                            throw new IllegalStateException(failure);
                        }
                    },
                    replayer);
            awaitBlocked(replaying, replay);
            assertThat(replay).as("the replay waits for the live write's row").isNotDone();
            writer.commit();
            assertThat(replay.get(30, TimeUnit.SECONDS)).isEqualTo(EntityReplay.Outcome.EMITTED);
        } finally {
            replayer.shutdownNow();
        }
        remote.connection().commit();
        assertThat(lastApplied("p-1")).isEqualTo("newest");
    }

    @Test
    void aBatchedReplayTakesEveryPlaceBeforeReadingAnyRowSoARacingLiveChangeNeverEndsOlder() throws Exception {
        for (int i = 1; i <= 4; i++) {
            row(remote.connection(), "p-" + i, "before", 1);
        }
        remote.connection().commit();
        liveUpdate(remote.connection(), "p-4", "live", 2);
        remote.connection().commit();
        // Events of another table's p-1 and of a key past the run own nothing of it.
        remote.logged(1, 1, "OTHER", "p-1", "{}", T0);
        remote.logged(1, 2, "PROBE", "p-9", "{}", T0);

        // Between the run's places being taken and its rows being read: p-2 changes, p-3 is deleted.
        EntityReplay.Replayed replayed = EntityReplay.backfill(
                remote.connection(), "PROBE", "ID", List.of("p-1", "p-2", "p-3", "p-4"), T0, () -> {
                    try (Connection writer = remote.open()) {
                        writer.setAutoCommit(false);
                        liveUpdate(writer, "p-2", "after", 2);
                        liveDelete(writer, "p-3");
                        writer.commit();
                    }
                });
        remote.connection().commit();

        assertThat(replayed).isEqualTo(new EntityReplay.Replayed(2, 1, 1));
        assertThat(lastApplied("p-1")).isEqualTo("before");
        assertThat(lastApplied("p-2"))
                .as("the run read its rows after its places were taken")
                .isEqualTo("after");
        assertThat(lastApplied("p-3")).as("deleted: its reservation released").isNull();
        assertThat(lastApplied("p-4")).as("live sync owns it: not replayed").isEqualTo("live");
        assertThat(pending(remote.connection()))
                .extracting(change -> change.table() + " " + change.entityKey())
                .as("no reservation outlives the call; each event names its table")
                .containsExactly("PROBE p-4", "PROBE p-1", "PROBE p-2", "PROBE p-2", "PROBE p-3");
    }

    @Test
    void aBatchedReplayWaitsForALiveWriteHoldingARowAndCarriesItsState() throws Exception {
        row(remote.connection(), "p-1", "before", 1);
        row(remote.connection(), "p-2", "before", 1);
        remote.connection().commit();
        ExecutorService replayer = Executors.newSingleThreadExecutor();
        try (Connection writer = remote.open()) {
            writer.setAutoCommit(false);
            // The live write's SQL first (its row locked); its event is captured after, in the same transaction.
            try (PreparedStatement update =
                    writer.prepareStatement("UPDATE PROBE SET NOTE = 'newest', VERSION = 3 WHERE ID = 'p-2'")) {
                update.executeUpdate();
            }
            Thread[] replaying = new Thread[1];
            CompletableFuture<EntityReplay.Replayed> replay = CompletableFuture.supplyAsync(
                    () -> {
                        replaying[0] = Thread.currentThread();
                        try {
                            return EntityReplay.backfill(remote.connection(), "PROBE", "ID", List.of("p-1", "p-2"), T0);
                        } catch (SQLException failure) {
                            throw new IllegalStateException(failure);
                        }
                    },
                    replayer);
            awaitBlocked(replaying, replay);
            assertThat(replay)
                    .as("the run's read waits for the live write's row")
                    .isNotDone();
            capture(writer, "p-2");
            writer.commit();
            assertThat(replay.get(30, TimeUnit.SECONDS)).isEqualTo(new EntityReplay.Replayed(2, 0, 0));
        } finally {
            replayer.shutdownNow();
        }
        remote.connection().commit();
        List<RowChange> events = pending(remote.connection());
        assertThat(events)
                .filteredOn(change -> change.entityKey().equals("p-2"))
                .extracting(change -> change.columns().get("NOTE"))
                .as("the replay and the live event both carry the live write's state")
                .containsExactly("newest", "newest");
    }

    @Test
    void aBackfillSkipsAnEntityLiveSyncOwnsAndAReplayOfADeletedEntityWritesNothing() throws SQLException {
        row(remote.connection(), "p-1", "live", 1);
        remote.connection().commit();
        remote.pending("PROBE", "p-1", "{}", T0);
        assertThat(EntityReplay.backfill(remote.connection(), "PROBE", "ID", List.of("p-1"), T0))
                .as("skipped")
                .isEqualTo(new EntityReplay.Replayed(0, 1, 0));
        assertThat(EntityReplay.backfill(remote.connection(), "PROBE", "ID", List.of("p-9"), T0))
                .as("gone")
                .isEqualTo(new EntityReplay.Replayed(0, 0, 1));
        remote.connection().commit();
        try (PreparedStatement count = remote.connection().prepareStatement("SELECT COUNT(*) FROM REPL_PENDING");
                ResultSet rows = count.executeQuery()) {
            rows.next();
            assertThat(rows.getLong(1)).as("only the live event").isEqualTo(1);
        }
    }

    @Test
    void theSweepFindsExactlyWhatDiffersRepairsItAndThenFindsNothing() throws SQLException {
        for (int i = 1; i <= 7; i++) {
            row(remote.connection(), "p-" + i, "note " + i, 1);
            if (i != 3) {
                row(local.connection(), "p-" + i, i == 5 ? "corrupted" : "note " + i, 1);
                origin(local.connection(), "p-" + i);
            }
        }
        row(local.connection(), "p-8", "deleted remotely", 1);
        origin(local.connection(), "p-8");
        // A row another remote store replicated to this host, inside a compared range: not this store's to compare.
        row(local.connection(), "p-45", "the base store's", 1);
        origin(local.connection(), "p-45", StoreId.BASE);
        local.connection().commit();
        remote.connection().commit();
        // p-6 differs only because its change is still on its way: not a discrepancy.
        liveUpdate(remote.connection(), "p-6", "changed", 2);
        remote.connection().commit();

        List<String> differing = new ArrayList<>();
        String table = null;
        String lastKey = null;
        long checked = 0;
        Sweep.Range range;
        do {
            range = Sweep.compare(remote.connection(), local.connection(), SHARD, TABLES, table, lastKey, 3);
            differing.addAll(range.differing());
            checked += range.checked();
            table = range.nextTable();
            lastKey = range.nextKey();
        } while (!range.finished());
        assertThat(differing).containsExactly("p-3", "p-5", "p-8");
        assertThat(checked).isEqualTo(7);

        remote.execute("DELETE FROM REPL_PENDING");
        for (String key : differing) {
            EntityReplay.repair(remote.connection(), "PROBE", "ID", key, T0);
        }
        remote.connection().commit();
        List<RowChange> repairs = pending(remote.connection());
        assertThat(repairs)
                .extracting(RowChange::operation)
                .containsExactly(Operation.UPSERT, Operation.UPSERT, Operation.DELETE);
        for (RowChange repair : repairs) {
            LocalRowWriter.apply(local.connection(), repair);
            if (repair.entityKey().equals("p-3")) {
                origin(local.connection(), repair.entityKey());
            }
        }
        local.connection().commit();
        remote.execute("DELETE FROM REPL_PENDING");
        remote.connection().commit();
        local.execute("UPDATE PROBE SET NOTE = 'changed', VERSION = 2 WHERE ID = 'p-6'");
        local.connection().commit();
        Sweep.Range again = Sweep.compare(remote.connection(), local.connection(), SHARD, TABLES, null, null, 100);
        assertThat(again.differing()).isEmpty();
        assertThat(again.finished()).isTrue();
    }

    private static void row(Connection connection, String id, String note, long version) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO PROBE (ID, NOTE, UPDATED_AT, VERSION) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, note);
            insert.setTimestamp(3, java.sql.Timestamp.from(T0));
            insert.setLong(4, version);
            insert.executeUpdate();
        }
    }

    private static void origin(Connection local, String id) throws SQLException {
        origin(local, id, SHARD);
    }

    private static void origin(Connection local, String id, StoreId store) throws SQLException {
        try (PreparedStatement insert = local.prepareStatement(
                "INSERT INTO REPL_ORIGIN (TABLE_NAME, KEY_VALUE, STORE_NAME) VALUES ('PROBE', ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, store.name());
            insert.executeUpdate();
        }
    }

    /** A live write as capture makes it: the row first, then its pending event, in one transaction. */
    private static void liveUpdate(Connection connection, String id, String note, long version) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE PROBE SET NOTE = ?, VERSION = ? WHERE ID = ?")) {
            update.setString(1, note);
            update.setLong(2, version);
            update.setString(3, id);
            update.executeUpdate();
        }
        RowChange change =
                EntityReplay.currentRow(connection, "PROBE", "ID", id).orElseThrow();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT) VALUES ('PROBE', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, RowChangeCodec.encode(change));
            insert.setTimestamp(3, java.sql.Timestamp.from(T0));
            insert.executeUpdate();
        }
    }

    /** A live delete as capture makes it. */
    private static void liveDelete(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM PROBE WHERE ID = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT) VALUES ('PROBE', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, RowChangeCodec.encode(EntityReplay.deleteOf("PROBE", "ID", id)));
            insert.setTimestamp(3, java.sql.Timestamp.from(T0));
            insert.executeUpdate();
        }
    }

    /** Capture's part of a live write whose SQL already ran: the row's pending event. */
    private static void capture(Connection connection, String id) throws SQLException {
        RowChange change =
                EntityReplay.currentRow(connection, "PROBE", "ID", id).orElseThrow();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT) VALUES ('PROBE', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, RowChangeCodec.encode(change));
            insert.setTimestamp(3, java.sql.Timestamp.from(T0));
            insert.executeUpdate();
        }
    }

    /** The pending events in the order the publisher numbers them. */
    private static List<RowChange> pending(Connection remote) throws SQLException {
        List<RowChange> changes = new ArrayList<>();
        try (PreparedStatement select = remote.prepareStatement("SELECT PAYLOAD FROM REPL_PENDING ORDER BY ID");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                changes.add(RowChangeCodec.decode(rows.getString(1)));
            }
        }
        return changes;
    }

    /** The entity's note after every pending event is applied in log order, as a host applies them. */
    private static String lastApplied(String id) throws SQLException {
        String note = null;
        for (RowChange change : pending(remote.connection())) {
            if (change.entityKey().equals(id)) {
                note = (String) change.columns().get("NOTE");
            }
        }
        return note;
    }

    private static void awaitBlocked(Thread[] thread, CompletableFuture<?> work) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !work.isDone()) {
            Thread running = thread[0];
            if (running != null
                    && (running.getState() == Thread.State.TIMED_WAITING
                            || running.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
