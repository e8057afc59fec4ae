package io.coffer.throttling.control;

/**
 * A token bucket's shape: {@code perSecond} tokens flow in every second, and the bucket holds {@code burstSeconds}
 * of them (at least one token), so a quiet client may send that many at once.
 */
public record Rate(long perSecond, long burstSeconds) {

    public Rate {
        if (perSecond < 1 || burstSeconds < 1) {
            throw new IllegalArgumentException(
                    "a rate and its burst are at least 1: " + perSecond + "/s, " + burstSeconds + " s");
        }
    }

    /** Microseconds between two tokens. */
    public double intervalMicros() {
        return 1_000_000.0 / perSecond;
    }

    /** How many tokens a full bucket holds. */
    public long capacity() {
        return Math.max(1, perSecond * burstSeconds);
    }

    /**
     * The most tokens a host takes from the shared bucket at once: a tenth of a second's worth, so a batch costs
     * the other hosts little accuracy.
     */
    public int largestBatch() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(perSecond / 10, capacity())));
    }

    /** One of {@code hosts} equal parts of this rate (at least one token a second), with the same burst time. */
    public Rate share(int hosts) {
        return hosts <= 1 ? this : new Rate(Math.max(1, perSecond / hosts), burstSeconds);
    }
}
