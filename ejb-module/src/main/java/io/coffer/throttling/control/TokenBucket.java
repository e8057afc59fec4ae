package io.coffer.throttling.control;

/**
 * The token-bucket arithmetic, kept as one number per bucket as the generic cell rate algorithm does: the
 * <em>theoretical arrival time</em> (TAT), the time by which every token handed out so far would have flowed in at the
 * rate. A bucket is full when its TAT is in the past, and empty when its TAT is a whole burst ahead of now. One number
 * means one compare-and-set in a shared cache, and no clock ever ticks inside the cache.
 */
public final class TokenBucket {

    private TokenBucket() {}

    /**
     * The outcome of asking for tokens: how many were granted, the bucket's new TAT (to store if any were granted),
     * and, if none were, how long until the next one is due.
     */
    public record Take(int granted, long nextArrivalMicros, long waitMicros) {

        public boolean refused() {
            return granted == 0;
        }

        /** Retry-After in whole seconds, rounded up: at least 1, as HTTP counts it. */
        public long retryAfterSeconds() {
            return RetryAfter.seconds(waitMicros);
        }
    }

    /**
     * Takes up to {@code wanted} tokens at {@code nowMicros} from the bucket whose TAT is {@code arrivalMicros}
     * ({@code null}: a bucket never used, i.e. full).
     */
    public static Take take(Long arrivalMicros, long nowMicros, Rate rate, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("ask for at least one token");
        }
        double interval = rate.intervalMicros();
        long base = arrivalMicros == null ? nowMicros : Math.max(arrivalMicros, nowMicros);
        // tokens still in the bucket: capacity less what is owed until base
        double available = rate.capacity() - (base - nowMicros) / interval;
        long granted = Math.min(wanted, (long) Math.floor(available + 1e-9));
        if (granted < 1) {
            long wait = (long) Math.ceil(base - nowMicros - (rate.capacity() - 1) * interval);
            return new Take(0, base, Math.max(1, wait));
        }
        return new Take((int) granted, base + Math.round(granted * interval), 0);
    }
}
