package io.coffer.secret.control;

import io.coffer.secret.entity.SecretLifecycleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a secret's name, taken in the base store, no longer stands for a secret. A create takes the name (with the
 * secret's route) in a transaction of its own on the base store, then writes the secret in another on its shard: one
 * transaction per store, so that a crash never leaves a store holding an in-doubt transaction. A create that failed,
 * or whose host died, between the two leaves the name taken for a secret that never came to be; a deleted secret's
 * name may also still be taken if the host releasing it died. The next create of that name takes it over.
 */
public final class NameClaims {

    /**
     * How long a name may stand for a secret its shard does not have: longer than any create may take between its two
     * transactions (a store rolls back a write abandoned by a dead host within its 30 s transaction timeout).
     */
    public static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    /**
     * How soon after taking the name a create must start writing the secret on its shard; later (its host was frozen,
     * say) it gives up. The shard's transaction then ends, committed or rolled back by the store, within its 30 s
     * timeout: before {@link #ABANDONED_AFTER}, so a name is never taken over from a create that still commits.
     */
    public static final Duration WRITE_WITHIN = Duration.ofSeconds(25);

    private NameClaims() {}

    /**
     * @param holder  the lifecycle state of the secret the name stands for, as its shard has it; empty when the shard
     *                does not have it
     * @param namedAt when that secret's route was written; null when it has none
     * @return whether a new secret may take the name
     */
    public static boolean mayTakeOver(Optional<SecretLifecycleState> holder, Instant namedAt, Instant now) {
        if (holder.isPresent()) {
            return holder.get() == SecretLifecycleState.DELETED;
        }
        return namedAt == null || !now.isBefore(namedAt.plus(ABANDONED_AFTER));
    }

    /** Whether a create that took its name at {@code namedAt} may still write its secret. */
    public static boolean mayStillWrite(Instant namedAt, Instant now) {
        return now.isBefore(namedAt.plus(WRITE_WITHIN));
    }
}
