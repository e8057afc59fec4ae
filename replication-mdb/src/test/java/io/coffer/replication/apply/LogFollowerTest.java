package io.coffer.replication.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.coffer.replication.apply.LogFollower.Progress;
import io.coffer.replication.event.Operation;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.replication.store.DerbyStore;
import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The apply rules on a real (embedded, in-memory) Derby local store and remote log: strict log order per store,
 * redeliveries and stale epochs skipped, gaps filled from the log, a new epoch dropping the store's replica, and events
 * that cannot be written refused with the local store and the bookmark left as they were.
 */
class LogFollowerTest {

    private static final StoreId SHARD = StoreId.of("shard-0");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PROBE = "CREATE TABLE PROBE (ID VARCHAR(64) NOT NULL PRIMARY KEY, NOTE VARCHAR(200),"
            + " UPDATED_AT TIMESTAMP, VERSION BIGINT)";

    private final LogFollower follower = new LogFollower(Clock.fixed(T0, ZoneOffset.UTC));
    private static DerbyStore local;
    private static DerbyStore remote;
    private int remoteOpened;

    @BeforeAll
    static void createStores() throws SQLException {
        local = DerbyStore.local(PROBE);
        remote = DerbyStore.remote(SHARD);
        remote.execute(PROBE);
        remote.connection().commit();
    }

    @AfterAll
    static void dropStores() throws SQLException {
        local.close();
        remote.close();
    }

    @BeforeEach
    void emptyStores() throws SQLException {
        local.reset();
        remote.reset();
    }

    @Test
    void eventsDeliveredInOrderAreAppliedInOrderAndTheBookmarkFollows() throws SQLException {
        Progress first = deliver(upsert(1, 1, "p-1", "one"));
        deliver(upsert(1, 2, "p-2", "two"));
        deliver(upsert(1, 3, "p-1", "one, changed"));

        assertThat(first.applied()).extracting(ReplicationEvent::sequence).containsExactly(1L);
        assertThat(first.fromLog()).isZero();
        assertThat(first.skipped()).isFalse();
        assertThat(notes()).containsExactly(Map.entry("p-1", "one, changed"), Map.entry("p-2", "two"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 3));
        assertThat(remoteOpened).as("no gap, so the remote log is never read").isZero();
    }

    @Test
    void aMessageOfSeveralEventsAppliesThemInOrderAndMovesTheBookmarkToItsLast() throws SQLException {
        Progress batch =
                deliver(upsert(1, 1, "p-1", "one"), upsert(1, 2, "p-2", "two"), upsert(1, 3, "p-1", "one, changed"));

        assertThat(batch.applied()).extracting(ReplicationEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(batch.skipped()).isFalse();
        assertThat(notes()).containsExactly(Map.entry("p-1", "one, changed"), Map.entry("p-2", "two"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 3));
        assertThat(remoteOpened).isZero();
    }

    @Test
    void aRedeliveredMessageAppliesOnlyWhatIsAfterTheBookmarkAndUndoesNothing() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"), upsert(1, 2, "p-1", "two"));
        deliver(upsert(1, 3, "p-1", "three"));

        Progress again = deliver(upsert(1, 1, "p-1", "one"), upsert(1, 2, "p-1", "two"));
        Progress overlapping = deliver(upsert(1, 3, "p-1", "three"), upsert(1, 4, "p-2", "four"));

        assertThat(again.skipped()).isTrue();
        assertThat(overlapping.applied()).extracting(ReplicationEvent::sequence).containsExactly(4L);
        assertThat(notes()).containsExactly(Map.entry("p-1", "three"), Map.entry("p-2", "four"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 4));
    }

    @Test
    void aMessageThatSkipsASequenceNumberAppliesUpToTheHoleAndTheNextMessageFillsIt() throws SQLException {
        Progress holed = deliver(upsert(1, 1, "p-1", "one"), upsert(1, 2, "p-2", "two"), upsert(1, 4, "p-4", "four"));

        assertThat(holed.applied()).extracting(ReplicationEvent::sequence).containsExactly(1L, 2L);
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 2));

        log(upsert(1, 3, "p-3", "three"), upsert(1, 4, "p-4", "four"));
        Progress next = deliver(upsert(1, 5, "p-5", "five"));

        assertThat(next.applied()).extracting(ReplicationEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(notes()).containsOnlyKeys("p-1", "p-2", "p-3", "p-4", "p-5");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 5));
    }

    @Test
    void aRedeliveredEventIsSkippedAndDoesNotUndoALaterChange() throws SQLException {
        ReplicationEvent first = upsert(1, 1, "p-1", "first");
        deliver(first);
        deliver(upsert(1, 2, "p-1", "second"));

        Progress again = deliver(first);

        assertThat(again.skipped()).isTrue();
        assertThat(again.applied()).isEmpty();
        assertThat(notes()).containsExactly(Map.entry("p-1", "second"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 2));
    }

    @Test
    void theLastEventRedeliveredBecauseTheHostDiedBeforeItsAcknowledgementIsSkipped() throws SQLException {
        ReplicationEvent last = upsert(1, 1, "p-1", "one");
        deliver(last);

        Progress redelivered = deliver(last);

        assertThat(redelivered.skipped()).isTrue();
        assertThat(redelivered.applied()).isEmpty();
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 1));
    }

    @Test
    void anEventAfterAGapHasTheGapFilledFromTheRemoteLogInLogOrderFirst() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        log(upsert(1, 2, "p-9", "two"), upsert(1, 3, "p-9", "three"));

        Progress progress = deliver(upsert(1, 4, "p-4", "four"));

        assertThat(progress.applied()).extracting(ReplicationEvent::sequence).containsExactly(2L, 3L, 4L);
        assertThat(progress.fromLog()).isEqualTo(2);
        assertThat(notes())
                .containsExactly(Map.entry("p-1", "one"), Map.entry("p-4", "four"), Map.entry("p-9", "three"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 4));
    }

    @Test
    void aGapTheLogCannotFillYetChangesNothingAndTheRedeliveredEventAppliesOnceItCan() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        log(upsert(1, 2, "p-2", "two"));
        ReplicationEvent fourth = upsert(1, 4, "p-4", "four");

        assertThatThrownBy(() -> deliver(fourth)).isInstanceOf(ReplicaBehindException.class);
        assertThat(notes()).containsOnlyKeys("p-1");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 1));

        log(upsert(1, 3, "p-3", "three"));
        Progress redelivered = deliver(fourth);

        assertThat(redelivered.applied()).extracting(ReplicationEvent::sequence).containsExactly(2L, 3L, 4L);
        assertThat(notes()).containsOnlyKeys("p-1", "p-2", "p-3", "p-4");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 4));
    }

    @Test
    void aGapLargerThanTheInlineLimitIsLeftToTheCatchUpWithoutReadingTheLog() throws SQLException {
        ReplicationEvent farAhead = upsert(1, LogFollower.INLINE_GAP_LIMIT + 2, "p-far", "far");

        assertThatThrownBy(() -> inLocalTransaction(connection -> follower.apply(
                        connection,
                        List.of(farAhead),
                        () -> fail("the remote log was read for a gap beyond the inline limit"))))
                .isInstanceOf(ReplicaBehindException.class);
        assertThat(notes()).isEmpty();
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 0));
    }

    @Test
    void anEventOfAnOlderEpochIsStaleAndSkipped() throws SQLException {
        deliver(upsert(2, 1, "p-1", "epoch two"));

        Progress stale = deliver(upsert(1, 5, "p-1", "epoch one"));

        assertThat(stale.skipped()).isTrue();
        assertThat(notes()).containsExactly(Map.entry("p-1", "epoch two"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(2, 1));
    }

    @Test
    void theFirstEventOfANewerEpochDropsThatStoresReplicaOnlyAndStartsAgain() throws SQLException {
        deliver(upsert(1, 1, "p-shard", "shard, epoch one"));
        deliver(upsert(1, 2, "p-shard-2", "shard, epoch one"));
        deliver(new ReplicationEvent(StoreId.BASE, 1, 1, T0, probe("p-base", "base")));

        Progress restarted = deliver(upsert(2, 1, "p-new", "shard, epoch two"));

        assertThat(restarted.applied()).extracting(ReplicationEvent::sequence).containsExactly(1L);
        assertThat(notes()).containsOnlyKeys("p-base", "p-new");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(2, 1));
        assertThat(Bookmarks.read(local.connection(), StoreId.BASE)).isEqualTo(new Bookmarks.Position(1, 1));
        assertThat(origins()).containsExactly(Map.entry("p-base", "base"), Map.entry("p-new", "shard-0"));
    }

    @Test
    void anEventForATableTheLocalStoreDoesNotHaveIsRefusedAndNothingMoves() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        ReplicationEvent unknownTable = new ReplicationEvent(
                SHARD, 1, 2, T0, new RowChange("NO_SUCH_TABLE", Operation.UPSERT, List.of("ID"), Map.of("ID", "x-1")));

        assertThatThrownBy(() -> deliver(unknownTable)).isInstanceOf(SQLException.class);
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 1));
        assertThatThrownBy(() -> deliver(unknownTable))
                .as("redelivered, still refused: never skipped")
                .isInstanceOf(SQLException.class);
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 1));
    }

    @Test
    void anEventWithAColumnTheLocalTableDoesNotHaveIsRefusedAndTheRowKeepsItsValues() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        Map<String, Object> columns =
                new LinkedHashMap<>(probe("p-1", "changed").columns());
        columns.put("NO_SUCH_COLUMN", "x");
        ReplicationEvent unknownColumn =
                new ReplicationEvent(SHARD, 1, 2, T0, new RowChange("PROBE", Operation.UPSERT, List.of("ID"), columns));

        assertThatThrownBy(() -> deliver(unknownColumn)).isInstanceOf(SQLException.class);
        assertThat(notes()).containsExactly(Map.entry("p-1", "one"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 1));
    }

    @Test
    void namesThatAreNotPlainIdentifiersOrNameReplicationsOwnTablesAreRefusedBeforeAnyWrite() throws SQLException {
        ReplicationEvent injected = new ReplicationEvent(
                SHARD,
                1,
                1,
                T0,
                new RowChange("PROBE\" WHERE 1=1 --", Operation.DELETE, List.of("ID"), Map.of("ID", "p-1")));
        ReplicationEvent ownTable = new ReplicationEvent(
                SHARD,
                1,
                1,
                T0,
                new RowChange(
                        "REPL_BOOKMARK", Operation.DELETE, List.of("STORE_NAME"), Map.of("STORE_NAME", "shard-0")));

        assertThatThrownBy(() -> deliver(injected)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deliver(ownTable)).isInstanceOf(IllegalArgumentException.class);
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 0));
    }

    @Test
    void aDeleteRemovesTheRowAndWhereItCameFrom() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        deliver(upsert(1, 2, "p-2", "two"));

        deliver(new ReplicationEvent(
                SHARD, 1, 3, T0, new RowChange("PROBE", Operation.DELETE, List.of("ID"), Map.of("ID", "p-1"))));

        assertThat(notes()).containsOnlyKeys("p-2");
        assertThat(origins()).containsOnlyKeys("p-2");
    }

    @Test
    void theCatchUpAppliesTheLogAfterTheBookmarkInBatchesUntilItHasNothingLeft() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        log(
                upsert(1, 1, "p-1", "one"),
                upsert(1, 2, "p-2", "two"),
                upsert(1, 3, "p-3", "three"),
                upsert(1, 4, "p-4", "four"),
                upsert(1, 5, "p-1", "five"));

        assertThat(catchUp(2).applied()).extracting(ReplicationEvent::sequence).containsExactly(2L, 3L);
        assertThat(catchUp(2).applied()).extracting(ReplicationEvent::sequence).containsExactly(4L, 5L);
        Progress drained = catchUp(2);

        assertThat(drained.applied()).isEmpty();
        assertThat(notes())
                .containsExactly(
                        Map.entry("p-1", "five"),
                        Map.entry("p-2", "two"),
                        Map.entry("p-3", "three"),
                        Map.entry("p-4", "four"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 5));
    }

    @Test
    void theCatchUpMovesToANewerEpochOfTheLogDroppingWhatTheHostHeldBefore() throws SQLException {
        deliver(upsert(1, 1, "p-old", "epoch one"));
        RemoteLog.startNewEpoch(remote.connection(), SHARD, T0);
        remote.connection().commit();
        log(upsert(2, 1, "p-new", "epoch two"));

        Progress caughtUp = catchUp(10);

        assertThat(caughtUp.applied()).extracting(ReplicationEvent::epoch).containsExactly(2L);
        assertThat(notes()).containsOnlyKeys("p-new");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(2, 1));
    }

    @Test
    void aHostBehindThePrunedLogRebuildsItsReplicaFromTheRemoteStoreAndFollowsTheLogFromItsHead() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        deliver(upsert(1, 2, "p-2", "two"));
        // Meanwhile, on the remote store: p-1 changed, p-2 deleted, p-3 created; the log was pruned up to 4.
        remoteRow("p-1", "one, changed");
        remoteRow("p-3", "three");
        log(upsert(1, 5, "p-3", "three"));

        Progress rebuilt = catchUp(10);

        assertThat(rebuilt.rebuilt()).hasValueSatisfying(done -> {
            assertThat(done.rows()).isEqualTo(2);
            assertThat(done.head()).isEqualTo(5);
        });
        assertThat(notes()).containsExactly(Map.entry("p-1", "one, changed"), Map.entry("p-3", "three"));
        assertThat(origins()).containsOnlyKeys("p-1", "p-3");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 5));

        // From the head on, the log is followed as on any host.
        log(upsert(1, 6, "p-3", "three, changed"));
        assertThat(catchUp(10).applied()).extracting(ReplicationEvent::sequence).containsExactly(6L);
        assertThat(notes()).containsEntry("p-3", "three, changed");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 6));
    }

    @Test
    void aHostWhoseWholeRemainderOfTheLogWasPrunedRebuildsToo() throws SQLException {
        deliver(upsert(1, 1, "p-1", "one"));
        remoteRow("p-1", "one, changed");
        log(upsert(1, 3, "p-1", "one, changed"));
        try (PreparedStatement prune = remote.connection().prepareStatement("DELETE FROM REPL_LOG")) {
            prune.executeUpdate();
        }
        remote.connection().commit();

        assertThat(catchUp(10).rebuilt()).isPresent();
        assertThat(notes()).containsExactly(Map.entry("p-1", "one, changed"));
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(1, 3));
    }

    @Test
    void theCatchUpRefusesALogThatIsOlderThanTheBookmark() throws SQLException {
        deliver(upsert(2, 1, "p-2", "epoch two"));
        assertThatThrownBy(() -> catchUp(10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("older state");
        assertThat(bookmark()).isEqualTo(new Bookmarks.Position(2, 1));
    }

    private void remoteRow(String id, String note) throws SQLException {
        try (PreparedStatement insert = remote.connection()
                .prepareStatement("INSERT INTO PROBE (ID, NOTE, UPDATED_AT, VERSION) VALUES (?, ?, ?, 1)")) {
            insert.setString(1, id);
            insert.setString(2, note);
            insert.setTimestamp(3, java.sql.Timestamp.from(T0));
            insert.executeUpdate();
        }
        remote.connection().commit();
    }

    private Progress deliver(ReplicationEvent... message) throws SQLException {
        return inLocalTransaction(connection -> follower.apply(connection, List.of(message), () -> {
            remoteOpened++;
            return remote.open();
        }));
    }

    private Progress catchUp(int limit) throws SQLException {
        try (Connection log = remote.open()) {
            return inLocalTransaction(connection ->
                    follower.catchUp(connection, log, SHARD, limit, store -> new TreeMap<>(Map.of("PROBE", "ID"))));
        }
    }

    /** Commits what the work did, or rolls all of it back when it throws: the container's transaction. */
    private Progress inLocalTransaction(LocalWork work) throws SQLException {
        Connection connection = local.connection();
        try {
            Progress progress = work.run(connection);
            connection.commit();
            return progress;
        } catch (SQLException | RuntimeException failure) {
            connection.rollback();
            throw failure;
        }
    }

    @FunctionalInterface
    private interface LocalWork {
        Progress run(Connection local) throws SQLException;
    }

    private void log(ReplicationEvent... events) throws SQLException {
        for (ReplicationEvent event : events) {
            remote.logged(
                    event.epoch(),
                    event.sequence(),
                    event.change().table(),
                    event.change().entityKey(),
                    RowChangeCodec.encode(event.change()),
                    event.capturedAt());
        }
    }

    private static ReplicationEvent upsert(long epoch, long sequence, String id, String note) {
        return new ReplicationEvent(SHARD, epoch, sequence, T0, probe(id, note));
    }

    private static RowChange probe(String id, String note) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("ID", id);
        columns.put("NOTE", note);
        columns.put("UPDATED_AT", T0);
        columns.put("VERSION", 1L);
        return new RowChange("PROBE", Operation.UPSERT, List.of("ID"), columns);
    }

    private Bookmarks.Position bookmark() throws SQLException {
        return Bookmarks.read(local.connection(), SHARD);
    }

    private Map<String, String> notes() throws SQLException {
        return pairs("SELECT ID, NOTE FROM PROBE");
    }

    /** Row key → the store it came from. */
    private Map<String, String> origins() throws SQLException {
        return pairs("SELECT KEY_VALUE, STORE_NAME FROM REPL_ORIGIN WHERE TABLE_NAME = 'PROBE'");
    }

    private Map<String, String> pairs(String sql) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (PreparedStatement select = local.connection().prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.put(
                        rows.getString(1),
                        Optional.ofNullable(rows.getString(2)).orElse("<null>"));
            }
        }
        return found;
    }
}
