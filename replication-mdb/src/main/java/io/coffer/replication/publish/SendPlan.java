package io.coffer.replication.publish;

import io.coffer.replication.publish.OutboxLog.Logged;
import io.coffer.replication.publish.OutboxLog.SendState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which log entries a publisher run sends to the topic: the batch it just logged itself, or, once entries above the
 * sent mark have waited longer than {@code resendAfter} (their publisher crashed, or the broker was down, between its
 * log commit and its send record), everything above the mark. Entries above the mark that are younger and not its
 * own are another instance's, being sent right now; sending them too would only cost duplicates (which apply skips).
 * A plan's entries may be fewer than its range: the log pruner removes what every host has applied.
 *
 * @param first the first sequence number to send
 * @param last  the last one
 */
public record SendPlan(long epoch, long first, long last) {

    public static Optional<SendPlan> of(SendState state, Optional<Logged> own, Instant now, Duration resendAfter) {
        if (state.sent() >= state.last()) {
            return Optional.empty();
        }
        boolean stale = state.oldestUnsentLoggedAt()
                .map(loggedAt -> !loggedAt.plus(resendAfter).isAfter(now))
                // nothing above the mark is left in the log (pruned once every host had it): only the mark is behind
                .orElse(true);
        if (stale) {
            return Optional.of(new SendPlan(state.epoch(), state.sent() + 1, state.last()));
        }
        return own.filter(batch -> batch.count() > 0 && batch.epoch() == state.epoch() && batch.last() > state.sent())
                .map(batch -> new SendPlan(state.epoch(), Math.max(batch.first(), state.sent() + 1), batch.last()));
    }
}
