package io.coffer.throttling.control;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets of this host alone: what a host enforces while the data grid cannot be reached. */
public final class LocalBuckets implements SharedBuckets {

    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Clock clock;

    public LocalBuckets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public TokenBucket.Take take(String key, Rate rate, int wanted) {
        TokenBucket.Take[] outcome = new TokenBucket.Take[1];
        arrivals.compute(key, (name, arrival) -> {
            outcome[0] = TokenBucket.take(arrival, clock.millis() * 1000, rate, wanted);
            return outcome[0].refused() ? arrival : Long.valueOf(outcome[0].nextArrivalMicros());
        });
        return outcome[0];
    }
}
