package io.coffer.replication.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.store.DerbyStore;
import io.coffer.routing.entity.StoreId;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a prune deletes from a real (embedded, in-memory) Derby store's log. */
class LogPrunerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static DerbyStore remote;

    @BeforeAll
    static void createStore() throws SQLException {
        remote = DerbyStore.remote(StoreId.of("shard-0"));
    }

    @AfterAll
    static void dropStore() throws SQLException {
        remote.close();
    }

    @BeforeEach
    void fiveEntriesOneMinuteApart() throws SQLException {
        remote.reset();
        for (int seq = 1; seq <= 5; seq++) {
            remote.logged(1, seq, "PROBE", "p-" + seq, "{}", T0.plus(Duration.ofMinutes(seq)));
        }
    }

    @Test
    void onlyEntriesEveryLiveHostAppliedAndOlderThanTheRetentionArePruned() throws SQLException {
        // Every live host is at 4; entries published before minute 3 (1 and 2) are past the retention.
        long pruned = LogPruner.prune(remote.connection(), 4, T0.plus(Duration.ofMinutes(3)));
        remote.connection().commit();

        assertThat(pruned).isEqualTo(2);
        assertThat(LogPruner.firstSequence(remote.connection())).hasValue(3);

        // With every entry old enough, what a live host has not applied yet stays.
        assertThat(LogPruner.prune(remote.connection(), 4, T0.plus(Duration.ofHours(1))))
                .isEqualTo(2);
        assertThat(LogPruner.firstSequence(remote.connection())).hasValue(5);
    }

    @Test
    void noLiveHostOrOneOnAnOlderEpochPrunesNothing() throws SQLException {
        Instant later = T0.plus(Duration.ofHours(1));
        assertThat(LogPruner.prune(remote.connection(), Long.MAX_VALUE, later)).isZero();
        assertThat(LogPruner.prune(remote.connection(), -1, later)).isZero();
        assertThat(LogPruner.prune(remote.connection(), 0, later)).isZero();
        assertThat(LogPruner.firstSequence(remote.connection())).hasValue(1);
    }

    @Test
    void anEmptyLogHasNoFirstEntry() throws SQLException {
        LogPruner.prune(remote.connection(), 5, T0.plus(Duration.ofHours(1)));
        assertThat(LogPruner.firstSequence(remote.connection())).isEmpty();
    }
}
