package io.coffer.replication.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.store.DerbyStore;
import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.control.AppliedEverywhere;
import io.coffer.routing.entity.StoreId;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The activation rule on a real (embedded, in-memory) Derby base store and shard store: a row has reached every host
 * of the cell once every live host of that cell reported a position at or beyond its last change in the store's
 * current epoch, and a secret becomes ACTIVE when its row, its newest version and its route all have (see
 * {@code SecretHousekeeping.replicatedWaiting}).
 */
class ReplicationProgressTest {

    private static final StoreId SHARD = StoreId.of("shard-0");
    private static final String CELL = "cell-0";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static DerbyStore base;
    private static DerbyStore shard;

    @BeforeAll
    static void createStores() throws SQLException {
        base = DerbyStore.remote(StoreId.BASE);
        shard = DerbyStore.remote(SHARD);
    }

    @AfterAll
    static void dropStores() throws SQLException {
        base.close();
        shard.close();
    }

    @BeforeEach
    void emptyStores() throws SQLException {
        base.reset();
        shard.reset();
    }

    @Test
    void aRowHasReachedTheCellOnlyOnceEveryLiveHostAppliedItsLastChange() throws SQLException {
        log(shard, 1, 3, "SECRET", "s-1");
        log(shard, 1, 4, "SECRET", "s-2");
        log(shard, 1, 5, "SECRET", "s-1");
        report("host-1", CELL, SHARD, 1, 5, NOW);
        report("host-2", CELL, SHARD, 1, 4, NOW);

        AppliedEverywhere halfway = secrets("s-1", "s-2");
        assertThat(halfway.includes("s-2")).isTrue();
        assertThat(halfway.includes("s-1"))
                .as("its last change, at 5, is not on host-2 yet")
                .isFalse();

        report("host-2", CELL, SHARD, 1, 5, NOW);
        assertThat(secrets("s-1", "s-2").includes("s-1")).isTrue();
    }

    @Test
    void aHostThatStoppedReportingNoLongerHoldsTheCellBackButOneThatJustReportedDoes() throws SQLException {
        log(shard, 1, 7, "SECRET", "s-1");
        report("host-1", CELL, SHARD, 1, 7, NOW);
        report(
                "host-2",
                CELL,
                SHARD,
                1,
                2,
                NOW.minus(ReplicationProgress.LIVENESS).minusSeconds(1));
        report(
                "host-3",
                CELL,
                SHARD,
                1,
                6,
                NOW.minus(ReplicationProgress.LIVENESS).plusSeconds(1));

        assertThat(ReplicationProgress.appliedByEveryHost(shard.connection(), base.connection(), SHARD, CELL, NOW))
                .isEqualTo(6);
        assertThat(secrets("s-1").includes("s-1")).isFalse();

        report("host-3", CELL, SHARD, 1, 7, NOW);
        assertThat(secrets("s-1").includes("s-1")).isTrue();
    }

    @Test
    void hostsOfAnotherCellAndPositionsInAnotherStoreDoNotCount() throws SQLException {
        log(shard, 1, 4, "SECRET", "s-1");
        report("host-1", CELL, SHARD, 1, 4, NOW);
        report("host-9", "cell-1", SHARD, 1, 1, NOW);
        report("host-1", CELL, StoreId.BASE, 1, 0, NOW);

        assertThat(secrets("s-1").includes("s-1")).isTrue();
    }

    @Test
    void withoutACellTheLiveHostsOfEveryCellCountAsTheBaseStoresPruningNeeds() throws SQLException {
        log(base, 1, 9, "RESOURCE_ROUTE", "r-1");
        report("host-1", CELL, StoreId.BASE, 1, 9, NOW);
        report("host-2", "cell-1", StoreId.BASE, 1, 3, NOW);
        report("host-3", "cell-1", StoreId.BASE, 1, 1, NOW.minus(Duration.ofMinutes(5)));

        assertThat(ReplicationProgress.appliedByEveryHost(
                        base.connection(), base.connection(), StoreId.BASE, CELL, NOW))
                .isEqualTo(9);
        assertThat(ReplicationProgress.appliedByEveryHost(
                        base.connection(), base.connection(), StoreId.BASE, null, NOW))
                .as("cell-1's live host is behind; its stopped one does not count")
                .isEqualTo(3);
        assertThat(ReplicationProgress.cellLeader(base.connection(), "cell-1", NOW))
                .contains("host-2");
        assertThat(ReplicationProgress.cellLeader(base.connection(), null, NOW)).contains("host-1");
    }

    @Test
    void aChangeStillPendingHasReachedNoHostWhateverTheyReport() throws SQLException {
        log(shard, 1, 2, "SECRET", "s-1");
        shard.pending("SECRET", "s-1", "{}", NOW);
        report("host-1", CELL, SHARD, 1, 1_000, NOW);

        assertThat(ReplicationProgress.lastSequences(shard.connection(), "SECRET", List.of("s-1")))
                .containsEntry("s-1", Long.MAX_VALUE);
        assertThat(secrets("s-1").includes("s-1")).isFalse();
    }

    @Test
    void whileALiveHostFollowsAnOlderEpochNoRowHasReachedTheCellNotEvenOneNeverLogged() throws SQLException {
        RemoteLog.startNewEpoch(shard.connection(), SHARD, NOW);
        shard.connection().commit();
        report("host-1", CELL, SHARD, 2, 0, NOW);
        report("host-2", CELL, SHARD, 1, 40, NOW);

        AppliedEverywhere secrets = secrets("s-never-logged");
        assertThat(ReplicationProgress.appliedByEveryHost(shard.connection(), base.connection(), SHARD, CELL, NOW))
                .isEqualTo(-1);
        assertThat(secrets.includes("s-never-logged")).isFalse();

        report("host-2", CELL, SHARD, 2, 0, NOW);
        assertThat(secrets("s-never-logged").includes("s-never-logged")).isTrue();
    }

    @Test
    void withNoLiveHostInTheCellNothingWaits() throws SQLException {
        log(shard, 1, 9, "SECRET", "s-1");
        shard.pending("SECRET", "s-2", "{}", NOW);
        report("host-1", CELL, SHARD, 1, 0, NOW.minus(Duration.ofMinutes(5)));

        AppliedEverywhere secrets = secrets("s-1", "s-2");
        assertThat(secrets.includes("s-1")).isTrue();
        assertThat(secrets.includes("s-2")).isTrue();
    }

    @Test
    void aSecretIsActivatedOnlyOnceItsRowItsNewestVersionAndItsRouteHaveReachedEveryHost() throws SQLException {
        // CreateSecret writes the secret and its first version in the shard, its route in the base store.
        log(shard, 1, 10, "SECRET", "s-1");
        log(shard, 1, 11, "SECRET_VERSION", "s-1/1");
        log(base, 1, 20, "RESOURCE_ROUTE", "s-1");
        report("host-1", CELL, SHARD, 1, 11, NOW);
        report("host-2", CELL, SHARD, 1, 10, NOW);
        report("host-1", CELL, StoreId.BASE, 1, 20, NOW);
        report("host-2", CELL, StoreId.BASE, 1, 20, NOW);

        assertThat(activatable())
                .as("host-2 has the secret's row but not its version")
                .isFalse();

        report("host-2", CELL, SHARD, 1, 11, NOW);
        report("host-2", CELL, StoreId.BASE, 1, 19, NOW);
        assertThat(activatable())
                .as("host-2 has everything in the shard but not the route")
                .isFalse();

        report("host-2", CELL, StoreId.BASE, 1, 20, NOW);
        assertThat(activatable()).isTrue();
    }

    @Test
    void theLastChangesOfManyRowsAreReadInChunksAndRowsNeverLoggedAreAbsent() throws SQLException {
        List<String> keys = new ArrayList<>();
        IntStream.rangeClosed(1, 250).forEach(i -> keys.add("s-" + i));
        for (int i = 1; i <= 250; i += 2) {
            log(shard, 1, i, "SECRET", "s-" + i);
        }

        var sequences = ReplicationProgress.lastSequences(shard.connection(), "SECRET", keys);

        assertThat(sequences)
                .hasSize(125)
                .containsEntry("s-1", 1L)
                .containsEntry("s-249", 249L)
                .doesNotContainKey("s-250");
        assertThat(ReplicationProgress.lastSequences(shard.connection(), "SECRET_VERSION", keys))
                .isEmpty();
    }

    @Test
    void theCellIsLedByItsLiveHostWithTheSmallestName() throws SQLException {
        report("host-1", CELL, SHARD, 1, 0, NOW.minus(Duration.ofMinutes(1)));
        report("host-3", CELL, SHARD, 1, 0, NOW);
        report("host-2", CELL, SHARD, 1, 0, NOW);
        report("host-0", "cell-1", SHARD, 1, 0, NOW);

        assertThat(ReplicationProgress.cellLeader(base.connection(), CELL, NOW)).contains("host-2");
        assertThat(ReplicationProgress.cellLeader(base.connection(), "cell-9", NOW))
                .isEmpty();
    }

    private boolean activatable() throws SQLException {
        AppliedEverywhere secretRows = ReplicationProgress.appliedEverywhere(
                shard.connection(), base.connection(), SHARD, CELL, "SECRET", List.of("s-1"), NOW);
        AppliedEverywhere versionRows = ReplicationProgress.appliedEverywhere(
                shard.connection(), base.connection(), SHARD, CELL, "SECRET_VERSION", List.of("s-1/1"), NOW);
        AppliedEverywhere routes = ReplicationProgress.appliedEverywhere(
                base.connection(), base.connection(), StoreId.BASE, CELL, "RESOURCE_ROUTE", List.of("s-1"), NOW);
        return secretRows.includes("s-1") && versionRows.includes("s-1/1") && routes.includes("s-1");
    }

    private AppliedEverywhere secrets(String... ids) throws SQLException {
        return ReplicationProgress.appliedEverywhere(
                shard.connection(), base.connection(), SHARD, CELL, "SECRET", List.of(ids), NOW);
    }

    private static void log(DerbyStore store, long epoch, long sequence, String table, String key) throws SQLException {
        store.logged(epoch, sequence, table, key, "{}", NOW);
    }

    @Test
    void aCellsMembersAreItsLiveHostsThatOtherCellsCanReachOncePerHost() throws SQLException {
        reportReachable("host-3", "cell-1", "https://127.0.0.1:8243", StoreId.BASE, NOW);
        reportReachable("host-3", "cell-1", "https://127.0.0.1:8243", StoreId.of("shard-1"), NOW);
        reportReachable("host-4", "cell-1", "https://127.0.0.1:8343", StoreId.BASE, NOW.minusSeconds(1));
        reportReachable("host-5", "cell-1", "https://127.0.0.1:8443", StoreId.BASE, NOW.minus(Duration.ofMinutes(1)));
        reportReachable("host-6", "cell-1", null, StoreId.BASE, NOW);
        reportReachable("host-1", CELL, "https://127.0.0.1:8043", StoreId.BASE, NOW);

        assertThat(ReplicationProgress.cellMembers(base.connection(), "cell-1", NOW))
                .as("live, reachable, of that cell, each once")
                .containsExactly(
                        new ReplicationProgress.CellMember("host-3", "https://127.0.0.1:8243"),
                        new ReplicationProgress.CellMember("host-4", "https://127.0.0.1:8343"));
        assertThat(ReplicationProgress.cellMembers(base.connection(), "cell-9", NOW))
                .isEmpty();

        reportReachable("host-3", "cell-1", "https://127.0.0.1:9243", StoreId.BASE, NOW);
        assertThat(ReplicationProgress.cellMembers(base.connection(), "cell-1", NOW))
                .extracting(ReplicationProgress.CellMember::cellUrl)
                .as("a host's next report carries its new address")
                .contains("https://127.0.0.1:9243");
    }

    private void report(String host, String cell, StoreId store, long epoch, long applied, Instant at)
            throws SQLException {
        ReplicationProgress.report(base.connection(), host, cell, null, store, epoch, applied, at);
        base.connection().commit();
    }

    private void reportReachable(String host, String cell, String cellUrl, StoreId store, Instant at)
            throws SQLException {
        ReplicationProgress.report(base.connection(), host, cell, cellUrl, store, 1, 0, at);
        base.connection().commit();
    }
}
