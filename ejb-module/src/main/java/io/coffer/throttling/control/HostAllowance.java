package io.coffer.throttling.control;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * This host's share of one shared bucket: a small batch of tokens taken from it at once, spent locally without a grid
 * round trip. A batch lives at most {@link #BATCH_LIFETIME_MICROS}; what is left of it then is dropped, so a host never
 * hoards tokens the other hosts could use. The batch size follows demand: doubled (up to {@link Rate#largestBatch})
 * when a batch ran out, cut to what was used when one expired. While the shared bucket is empty the host refuses
 * without asking again until the next token is due.
 *
 * <p>One refill at a time, and never under the lock: requests that find the batch spent while a refill is under way
 * wait for it, unless the bucket was empty at the last refill; then they are refused at once, so a tenancy over its
 * limit never holds request threads.
 *
 * <p>Accuracy: tokens are counted when taken, so the hosts together never admit more than the bucket gives, except
 * the unspent rest of a batch that expires (lost to everyone: at most one batch per host per lifetime).
 */
public final class HostAllowance {

    static final long BATCH_LIFETIME_MICROS = 1_000_000;
    private static final int ROUNDS = 4;

    /** Admitted, or refused with the wait until a token is due. */
    public record Admission(boolean admitted, long waitMicros) {

        static final Admission ADMITTED = new Admission(true, 0);

        public long retryAfterSeconds() {
            return RetryAfter.seconds(waitMicros);
        }
    }

    private int tokens;
    private int used;
    private int batch = 1;
    private long expiresAt;
    private long emptyUntil;
    private boolean emptyAtLastRefill;
    private CompletableFuture<Void> refilling;

    /**
     * Admits one request at {@code nowMicros} if this host holds a token, else takes a batch through {@code refill}
     * (asked for a number of tokens, answering what the shared bucket granted).
     */
    public Admission acquire(long nowMicros, Rate rate, IntFunction<TokenBucket.Take> refill) {
        for (int round = 0; round < ROUNDS; round++) {
            CompletableFuture<Void> underWay;
            int wanted;
            synchronized (this) {
                if (tokens > 0 && nowMicros < expiresAt) {
                    tokens--;
                    used++;
                    return Admission.ADMITTED;
                }
                if (nowMicros < emptyUntil) {
                    return new Admission(false, emptyUntil - nowMicros);
                }
                if (refilling != null) {
                    if (emptyAtLastRefill) {
                        return new Admission(false, (long) Math.ceil(rate.intervalMicros()));
                    }
                    underWay = refilling;
                    wanted = 0;
                } else {
                    batch = tokens > 0 ? Math.max(1, used) : used > 0 ? batch * 2 : batch;
                    batch = Math.min(batch, rate.largestBatch());
                    tokens = 0;
                    used = 0;
                    refilling = new CompletableFuture<>();
                    underWay = null;
                    wanted = batch;
                }
            }
            if (underWay != null) {
                underWay.join();
                continue;
            }
            return refill(nowMicros, wanted, refill);
        }
        // Other requests emptied every batch this one waited for: the shared bucket may still hold plenty, so it asks
        // for a token of its own instead of being refused for losing the race.
        TokenBucket.Take own = refill.apply(1);
        return own.refused() ? new Admission(false, own.waitMicros()) : Admission.ADMITTED;
    }

    /**
     * How long this host already knows the shared bucket to stay empty, in microseconds from {@code nowMicros} (0: not
     * known to be empty): {@link #acquire} at this moment would refuse without asking the shared bucket. Takes and
     * changes nothing.
     */
    public synchronized long knownEmptyMicros(long nowMicros, Rate rate) {
        if (tokens > 0 && nowMicros < expiresAt) {
            return 0;
        }
        if (nowMicros < emptyUntil) {
            return emptyUntil - nowMicros;
        }
        return refilling != null && emptyAtLastRefill ? (long) Math.ceil(rate.intervalMicros()) : 0;
    }

    private Admission refill(long nowMicros, int wanted, IntFunction<TokenBucket.Take> refill) {
        TokenBucket.Take take = null;
        CompletableFuture<Void> done;
        try {
            take = refill.apply(wanted);
        } finally {
            synchronized (this) {
                done = refilling;
                refilling = null;
                if (take != null) {
                    emptyAtLastRefill = take.refused();
                    if (take.refused()) {
                        emptyUntil = nowMicros + take.waitMicros();
                    } else {
                        tokens = take.granted() - 1;
                        used = 1;
                        expiresAt = nowMicros + BATCH_LIFETIME_MICROS;
                    }
                }
            }
            done.complete(null);
        }
        return take.refused() ? new Admission(false, take.waitMicros()) : Admission.ADMITTED;
    }

    /** The batch size the next refill asks for (for tests). */
    synchronized int nextBatch() {
        return batch;
    }
}
