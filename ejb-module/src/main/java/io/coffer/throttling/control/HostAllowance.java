package io.coffer.throttling.control;

import java.util.function.IntFunction;

/**
 * This host's share of one shared bucket: a small batch of tokens taken from it at once, spent locally without a grid
 * round trip. A batch lives at most {@link #BATCH_LIFETIME_MICROS}; what is left of it then is dropped, so a host never
 * hoards tokens the other hosts could use. The batch size follows demand: doubled (up to {@link Rate#largestBatch})
 * when a batch ran out, cut to what was used when one expired. While the shared bucket is empty the host refuses
 * without asking again until the next token is due.
 *
 * <p>Accuracy: tokens are counted when taken, so the hosts together never admit more than the bucket gives, except
 * the unspent rest of a batch that expires (lost to everyone: at most one batch per host per lifetime).
 */
public final class HostAllowance {

    static final long BATCH_LIFETIME_MICROS = 1_000_000;

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

    /**
     * Admits one request at {@code nowMicros} if this host holds a token, else takes a batch through {@code refill}
     * (asked for a number of tokens, answering what the shared bucket granted).
     */
    public synchronized Admission acquire(long nowMicros, Rate rate, IntFunction<TokenBucket.Take> refill) {
        if (tokens > 0 && nowMicros < expiresAt) {
            tokens--;
            used++;
            return Admission.ADMITTED;
        }
        if (nowMicros < emptyUntil) {
            return new Admission(false, emptyUntil - nowMicros);
        }
        batch = tokens > 0 ? Math.max(1, used) : used > 0 ? batch * 2 : batch;
        batch = Math.min(batch, rate.largestBatch());
        tokens = 0;
        used = 0;
        TokenBucket.Take take = refill.apply(batch);
        if (take.refused()) {
            emptyUntil = nowMicros + take.waitMicros();
            return new Admission(false, take.waitMicros());
        }
        tokens = take.granted() - 1;
        used = 1;
        expiresAt = nowMicros + BATCH_LIFETIME_MICROS;
        return Admission.ADMITTED;
    }

    /** The batch size the next refill asks for (for tests). */
    synchronized int nextBatch() {
        return batch;
    }
}
