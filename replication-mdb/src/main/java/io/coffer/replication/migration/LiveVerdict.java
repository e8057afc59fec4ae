package io.coffer.replication.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the live verifier concludes about one sampled row, and whether its discrepancies are quiet enough to switch
 * over. The rules of the sweep apply: a row whose change is still on its way to this host is not a discrepancy; a
 * row not (yet) in this host's replica is left to the backfill and the sweep, so phases before VERIFY report nothing
 * for rows still to be backfilled.
 */
enum LiveVerdict {
    /** Replica and remote store agree. */
    SAME,
    /** This host's replica has no copy of the row (yet). */
    NOT_REPLICATED,
    /** They differ, but a change of the row is pending or logged beyond what this host applied. */
    IN_FLIGHT,
    /** They differ with nothing on its way: a discrepancy. */
    DIFFERS;

    /**
     * @param remote the row's digest on the remote store (empty: deleted there)
     * @param local the digest of this host's copy (empty: none)
     * @param inFlight whether a change of the row is still on its way to this host; asked only when they differ
     */
    static LiveVerdict of(Optional<String> remote, Optional<String> local, BooleanSupplier inFlight) {
        if (local.isEmpty()) {
            return NOT_REPLICATED;
        }
        if (remote.equals(local)) {
            return SAME;
        }
        return inFlight.getAsBoolean() ? IN_FLIGHT : DIFFERS;
    }

    /** Whether no discrepancy was reported (by any host) within the window before {@code now}. */
    static boolean quiet(Optional<Instant> lastDiscrepancy, Instant now, Duration window) {
        return lastDiscrepancy.map(last -> !last.isAfter(now.minus(window))).orElse(true);
    }
}
