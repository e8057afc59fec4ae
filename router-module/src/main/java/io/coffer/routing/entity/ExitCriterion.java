package io.coffer.routing.entity;

import java.util.Optional;

/**
 * What must hold before a store leaves a phase forward. A transition whose criterion does not hold is refused (409,
 * naming the criterion) unless the operator forces it; going back is never refused by a criterion.
 */
public enum ExitCriterion {
    /** BACKFILL → VERIFY: every entity of the store has been replayed or skipped as live-synced. */
    BACKFILL_DONE("backfill not done"),
    /** VERIFY → SWITCHED_OVER: the sweep has compared every entity of the store. */
    SWEEP_FINISHED("sweep not finished"),
    /** VERIFY → SWITCHED_OVER: every discrepancy the sweep found has been repaired. */
    DISCREPANCIES_REPAIRED("unrepaired discrepancies"),
    /** VERIFY → SWITCHED_OVER: the live verifier reported no discrepancy within its quiet window. */
    LIVE_VERIFIER_QUIET("live verifier reported a discrepancy recently");

    private final String meaning;

    ExitCriterion(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** How far the phase's background work has got, as the exit criteria read it. */
    public record Evidence(
            boolean backfillDone, boolean sweepFinished, long unrepairedDiscrepancies, boolean liveVerifierQuiet) {}

    /** The first criterion that does not hold for leaving {@code phase} forward, if any. */
    public static Optional<ExitCriterion> failing(MigrationPhase phase, Evidence evidence) {
        return switch (phase) {
            case BACKFILL -> evidence.backfillDone() ? Optional.empty() : Optional.of(BACKFILL_DONE);
            case VERIFY -> {
                if (!evidence.sweepFinished()) {
                    yield Optional.of(SWEEP_FINISHED);
                }
                if (evidence.unrepairedDiscrepancies() > 0) {
                    yield Optional.of(DISCREPANCIES_REPAIRED);
                }
                yield evidence.liveVerifierQuiet() ? Optional.empty() : Optional.of(LIVE_VERIFIER_QUIET);
            }
            default -> Optional.empty();
        };
    }
}
