package io.coffer.routing.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.routing.entity.ExitCriterion.Evidence;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreMigrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Evidence ALL_DONE = new Evidence(true, true, 0, true);
    private static final Evidence NOTHING_DONE = new Evidence(false, false, 0, true);

    private final StoreId shard = StoreId.of("shard-0");

    @Test
    void goesThroughEveryPhaseInOrderWhenEachExitCriterionHolds() {
        StoreMigration migration = new StoreMigration(shard, MigrationPhase.REMOTE_ONLY, T0);
        migration.advance(NOTHING_DONE, false, "op", T0.plusSeconds(1));
        assertThat(migration.phase()).isEqualTo(MigrationPhase.LIVE_SYNC);
        assertThat(migration.liveSyncSince()).contains(T0.plusSeconds(1));
        migration.advance(NOTHING_DONE, false, "op", T0.plusSeconds(2));
        assertThat(migration.phase()).isEqualTo(MigrationPhase.BACKFILL);
        assertThat(migration.backfillRun()).isEqualTo(1);
        migration.advance(ALL_DONE, false, "op", T0.plusSeconds(3));
        assertThat(migration.phase()).isEqualTo(MigrationPhase.VERIFY);
        assertThat(migration.sweepRun()).isEqualTo(1);
        migration.advance(ALL_DONE, false, "op", T0.plusSeconds(4));
        assertThat(migration.phase()).isEqualTo(MigrationPhase.SWITCHED_OVER);
        assertThat(migration.phaseSince()).isEqualTo(T0.plusSeconds(4));
        assertThatThrownBy(() -> migration.advance(ALL_DONE, true, "op", T0)).isInstanceOf(MigrationRefused.class);
    }

    @Test
    void aTransitionWhoseCriterionDoesNotHoldIsRefusedNamingItUnlessForced() {
        StoreMigration migration = at(MigrationPhase.BACKFILL);
        assertThatThrownBy(() -> migration.advance(NOTHING_DONE, false, "op", T0))
                .isInstanceOfSatisfying(
                        MigrationRefused.class,
                        refused -> assertThat(refused.criterion()).contains(ExitCriterion.BACKFILL_DONE))
                .hasMessageContaining("BACKFILL_DONE");
        assertThat(migration.phase()).isEqualTo(MigrationPhase.BACKFILL);

        migration.advance(new Evidence(true, false, 0, true), false, "op", T0);
        assertThatThrownBy(() -> migration.advance(new Evidence(true, false, 0, true), false, "op", T0))
                .isInstanceOfSatisfying(
                        MigrationRefused.class,
                        refused -> assertThat(refused.criterion()).contains(ExitCriterion.SWEEP_FINISHED));
        assertThatThrownBy(() -> migration.advance(new Evidence(true, true, 2, true), false, "op", T0))
                .isInstanceOfSatisfying(
                        MigrationRefused.class,
                        refused -> assertThat(refused.criterion()).contains(ExitCriterion.DISCREPANCIES_REPAIRED));
        assertThatThrownBy(() -> migration.advance(new Evidence(true, true, 0, false), false, "op", T0))
                .isInstanceOfSatisfying(
                        MigrationRefused.class,
                        refused -> assertThat(refused.criterion()).contains(ExitCriterion.LIVE_VERIFIER_QUIET));
        assertThat(migration.phase()).isEqualTo(MigrationPhase.VERIFY);

        migration.advance(new Evidence(true, false, 3, false), true, "op", T0);
        assertThat(migration.phase()).isEqualTo(MigrationPhase.SWITCHED_OVER);
    }

    @Test
    void rollbackIsAlwaysAllowedAndDiscardsTheLeftPhasesWork() {
        StoreMigration migration = at(MigrationPhase.SWITCHED_OVER);
        long sweep = migration.sweepRun();
        long backfill = migration.backfillRun();
        migration.rollBack("op", T0);
        assertThat(migration.phase()).isEqualTo(MigrationPhase.VERIFY);
        assertThat(migration.sweepRun()).as("the sweep's result is kept").isEqualTo(sweep);
        migration.rollBack("op", T0);
        assertThat(migration.phase()).isEqualTo(MigrationPhase.BACKFILL);
        assertThat(migration.sweepRun()).as("the sweep is discarded").isGreaterThan(sweep);
        assertThat(migration.backfillRun()).isEqualTo(backfill);
        migration.rollBack("op", T0);
        assertThat(migration.phase()).isEqualTo(MigrationPhase.LIVE_SYNC);
        assertThat(migration.backfillRun()).as("the backfill is discarded").isGreaterThan(backfill);
        migration.rollBack("op", T0);
        assertThat(migration.phase()).isEqualTo(MigrationPhase.REMOTE_ONLY);
        assertThatThrownBy(() -> migration.rollBack("op", T0)).isInstanceOf(MigrationRefused.class);
    }

    @Test
    void theBaseStoreNeverGoesBackToRemoteOnly() {
        StoreMigration base = new StoreMigration(StoreId.BASE, MigrationPhase.LIVE_SYNC, T0);
        assertThatThrownBy(() -> base.rollBack("op", T0))
                .isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("always captured");
        assertThat(base.phase()).isEqualTo(MigrationPhase.LIVE_SYNC);
    }

    @Test
    void aPauseHoldsAcrossPhasesUntilResumed() {
        StoreMigration migration = at(MigrationPhase.BACKFILL);
        migration.pause("op", T0);
        assertThat(migration.paused()).isTrue();
        migration.resume("op", T0);
        assertThat(migration.paused()).isFalse();
        migration.pause("op", T0);
        migration.advance(ALL_DONE, false, "op", T0);
        assertThat(migration.paused()).isTrue();
        migration.resume("op", T0);
        assertThat(migration.paused()).isFalse();
    }

    @Test
    void theBackfillLimitIsBounded() {
        StoreMigration migration = at(MigrationPhase.BACKFILL);
        migration.limitBackfill(50, "op", T0);
        assertThat(migration.backfillLimit()).isEqualTo(50);
        assertThatThrownBy(() -> migration.limitBackfill(0, "op", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> migration.limitBackfill(StoreMigration.MAX_BACKFILL_LIMIT + 1, "op", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(migration.backfillLimit()).isEqualTo(50);
    }

    @Test
    void eachPhaseSetsTheSwitchesItStandsFor() {
        StoreSettings settings = new StoreSettings(shard, T0);
        StoreMigration migration = new StoreMigration(shard, MigrationPhase.LIVE_SYNC, T0);
        migration.rollBack("op", T0);
        migration.applyTo(settings, "op", T0);
        assertThat(settings.captureEnabled()).isFalse();
        assertThat(settings.reads()).isEqualTo(ReadAccessor.REMOTE);

        migration.advance(ALL_DONE, false, "op", T0);
        migration.advance(ALL_DONE, false, "op", T0);
        migration.advance(ALL_DONE, false, "op", T0);
        migration.advance(ALL_DONE, false, "op", T0);
        migration.applyTo(settings, "op", T0);
        assertThat(settings.captureEnabled()).isTrue();
        assertThat(settings.reads()).isEqualTo(ReadAccessor.HYBRID);

        migration.rollBack("op", T0);
        migration.applyTo(settings, "op", T0);
        assertThat(settings.reads()).isEqualTo(ReadAccessor.REMOTE);
        assertThat(settings.captureEnabled()).isTrue();
    }

    @Test
    void aStoreWithoutARowIsInThePhaseItsSwitchesStandForAndAnEmptyOneStartsSwitchedOver() {
        assertThat(MigrationPhase.impliedBy(false, ReadAccessor.REMOTE)).isEqualTo(MigrationPhase.REMOTE_ONLY);
        assertThat(MigrationPhase.impliedBy(true, ReadAccessor.REMOTE)).isEqualTo(MigrationPhase.LIVE_SYNC);
        assertThat(MigrationPhase.impliedBy(true, ReadAccessor.HYBRID)).isEqualTo(MigrationPhase.SWITCHED_OVER);
        assertThat(MigrationPhase.impliedBy(true, ReadAccessor.LOCAL)).isEqualTo(MigrationPhase.SWITCHED_OVER);
        assertThat(MigrationPhase.initial(false, true, ReadAccessor.REMOTE)).isEqualTo(MigrationPhase.SWITCHED_OVER);
        assertThat(MigrationPhase.initial(true, false, ReadAccessor.REMOTE)).isEqualTo(MigrationPhase.REMOTE_ONLY);
    }

    private StoreMigration at(MigrationPhase phase) {
        StoreMigration migration = new StoreMigration(shard, MigrationPhase.REMOTE_ONLY, T0);
        while (migration.phase() != phase) {
            migration.advance(ALL_DONE, false, "op", T0);
        }
        return migration;
    }
}
