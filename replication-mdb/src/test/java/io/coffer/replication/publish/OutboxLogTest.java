package io.coffer.replication.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.event.EventBatch;
import io.coffer.replication.publish.OutboxLog.Logged;
import io.coffer.replication.publish.OutboxLog.SendState;
import io.coffer.replication.store.DerbyStore;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.ReplicationSchema;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher's steps on a real (embedded) Derby store with the tables a deployed host creates. */
class OutboxLogTest {

    private static final StoreId STORE = StoreId.of("shard-0");
    private static final Instant CAPTURED = Instant.parse("2026-11-27T03:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:05Z");

    private static DerbyStore remote;
    private Connection db;

    @BeforeAll
    static void createStore() throws SQLException {
        remote = DerbyStore.remote(STORE);
    }

    @AfterAll
    static void dropStore() throws SQLException {
        remote.close();
    }

    @BeforeEach
    void emptyStore() throws SQLException {
        remote.reset();
        db = remote.connection();
    }

    @Test
    void step1NumbersPendingEventsAfterTheHeadInCaptureOrderAndRemovesThem() throws SQLException {
        for (int i = 1; i <= 5; i++) {
            remote.pending("SECRET", "s" + i, "{\"n\":" + i + "}", CAPTURED.plusSeconds(i));
        }

        Logged first = OutboxLog.logPending(db, STORE, 3, NOW);
        db.commit();
        Logged second = OutboxLog.logPending(db, STORE, 3, NOW);
        db.commit();
        Logged third = OutboxLog.logPending(db, STORE, 3, NOW);
        db.commit();

        assertThat(first).isEqualTo(new Logged(1, 1, 3));
        assertThat(second).isEqualTo(new Logged(1, 4, 5));
        assertThat(third.count()).isZero();
        assertThat(RemoteLog.head(db, STORE)).isEqualTo(new RemoteLog.Head(1, 5));
        assertThat(payloads(RemoteLog.entries(db, 1, 5, 100)))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        assertThat(count("REPL_PENDING")).isZero();
    }

    @Test
    void withNothingPendingStep1LocksNothing() throws SQLException {
        assertThat(OutboxLog.logPending(db, STORE, 10, NOW).count()).isZero();
        // still inside the step's transaction: a host killed now must leave nothing for its store's XA timeout
        assertThat(heldLocks()).isEmpty();
        db.commit();

        remote.pending("SECRET", "s1", "{}", CAPTURED);
        assertThat(OutboxLog.logPending(db, STORE, 10, NOW)).isEqualTo(new Logged(1, 1, 1));
        assertThat(heldLocks()).contains("REPL_PUBLISHER");
        db.commit();
    }

    @Test
    void payloadsOfEverySizeAreLoggedAndReadBackWholeWithTheirCaptureTimes() throws SQLException {
        String atTheLimit = "a".repeat(32_000);
        String beyondIt = "{\"content\":\"" + "ü".repeat(40_000) + "\"}";
        remote.pending("SECRET", "s1", "{}", CAPTURED);
        remote.pending("SECRET_VERSION", "s1/1", atTheLimit, CAPTURED.plusSeconds(1));
        remote.pending("SECRET_VERSION", "s1/2", beyondIt, CAPTURED.plusSeconds(2));

        assertThat(OutboxLog.logPending(db, STORE, 10, NOW)).isEqualTo(new Logged(1, 1, 3));
        db.commit();

        List<EventBatch.Entry> entries = RemoteLog.entries(db, 1, 3, 10);
        assertThat(payloads(entries)).containsExactly("{}", atTheLimit, beyondIt);
        assertThat(entries)
                .extracting(EventBatch.Entry::capturedAt)
                .containsExactly(CAPTURED, CAPTURED.plusSeconds(1), CAPTURED.plusSeconds(2));
        assertThat(count("REPL_PENDING")).isZero();
    }

    @Test
    void whatIsLoggedIsUnsentUntilItsSendIsRecorded() throws SQLException {
        remote.pending("SECRET", "s1", "{}", CAPTURED);
        remote.pending("SECRET", "s2", "{}", CAPTURED);
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 0, 0, Optional.empty()));

        OutboxLog.logPending(db, STORE, 10, NOW);
        db.commit();

        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 0, 2, Optional.of(NOW)));
        assertThat(OutboxLog.markSent(db, STORE, 1, 1)).isTrue();
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 1, 2, Optional.of(NOW)));
        assertThat(OutboxLog.markSent(db, STORE, 1, 2)).isTrue();
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 2, 2, Optional.empty()));
    }

    @Test
    void theSentMarkNeverMovesBackPastTheHeadOrAcrossEpochs() throws SQLException {
        for (int i = 0; i < 4; i++) {
            remote.pending("SECRET", "s" + i, "{}", CAPTURED);
        }
        OutboxLog.logPending(db, STORE, 10, NOW);
        OutboxLog.markSent(db, STORE, 1, 3);
        db.commit();

        assertThat(OutboxLog.markSent(db, STORE, 1, 2)).as("behind the mark").isFalse();
        assertThat(OutboxLog.markSent(db, STORE, 1, 5)).as("past the head").isFalse();
        assertThat(OutboxLog.markSent(db, STORE, 2, 4)).as("another epoch").isFalse();
        assertThat(OutboxLog.sendState(db, STORE).sent()).isEqualTo(3);

        RemoteLog.startNewEpoch(db, STORE, NOW);
        db.commit();
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(2, 0, 0, Optional.empty()));
        assertThat(OutboxLog.markSent(db, STORE, 1, 4))
                .as("the old epoch's send")
                .isFalse();
    }

    @Test
    void aStoreMadeBeforeTheSentMarkGetsItAndCountsAsSentUpToItsHead() throws SQLException {
        remote.logged(1, 1, "SECRET", "s1", "{}", CAPTURED);
        remote.logged(1, 2, "SECRET", "s2", "{}", CAPTURED);
        remote.execute("ALTER TABLE REPL_PUBLISHER DROP COLUMN SENT_SEQ");
        db.commit();

        ReplicationSchema.installRemote(db, STORE);
        ReplicationSchema.installRemote(db, STORE);
        db.commit();

        // its publisher logged and sent in one transaction: nothing in its log waits to be sent
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 2, 2, Optional.empty()));
        remote.pending("SECRET", "s3", "{}", CAPTURED);
        assertThat(OutboxLog.logPending(db, STORE, 10, NOW)).isEqualTo(new Logged(1, 3, 3));
        assertThat(OutboxLog.sendState(db, STORE)).isEqualTo(new SendState(1, 2, 3, Optional.of(NOW)));
        assertThat(OutboxLog.markSent(db, STORE, 1, 3)).isTrue();
        assertThat(OutboxLog.sendState(db, STORE).sent()).isEqualTo(3);
    }

    private static List<String> payloads(List<EventBatch.Entry> entries) {
        List<String> payloads = new ArrayList<>();
        entries.forEach(entry -> payloads.add(entry.payload()));
        return payloads;
    }

    private List<String> heldLocks() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT TABLENAME FROM SYSCS_DIAG.LOCK_TABLE");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private int count(String table) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
