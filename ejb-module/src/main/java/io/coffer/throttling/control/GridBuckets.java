package io.coffer.throttling.control;

import java.time.Clock;
import javax.cache.Cache;

/**
 * Buckets in a JCache shared by every host: each bucket is its TAT as a {@code Long}, changed by compare-and-set, so
 * hosts taking tokens at the same time never hand out the same token twice.
 */
public final class GridBuckets implements SharedBuckets {

    static final int ATTEMPTS = 16;

    private final Cache<String, Long> arrivals;
    private final Clock clock;

    public GridBuckets(Cache<String, Long> arrivals, Clock clock) {
        this.arrivals = arrivals;
        this.clock = clock;
    }

    /** Reads a bucket nobody uses, so the cache exists on every member before the first request needs it. */
    void touch() {
        arrivals.get("warm-up");
    }

    @Override
    public TokenBucket.Take take(String key, Rate rate, int wanted) {
        TokenBucket.Take take = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Long arrival = arrivals.get(key);
            take = TokenBucket.take(arrival, clock.millis() * 1000, rate, wanted);
            if (take.refused()) {
                return take;
            }
            boolean stored = arrival == null
                    ? arrivals.putIfAbsent(key, take.nextArrivalMicros())
                    : arrivals.replace(key, arrival, take.nextArrivalMicros());
            if (stored) {
                return take;
            }
        }
        // Lost every race: as many hosts as attempts took tokens meanwhile; this one waits a token's time.
        return new TokenBucket.Take(0, take.nextArrivalMicros(), (long) Math.ceil(rate.intervalMicros()));
    }
}
