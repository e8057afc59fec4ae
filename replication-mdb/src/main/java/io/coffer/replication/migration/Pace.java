package io.coffer.replication.migration;

import java.time.Duration;
import java.time.Instant;

/**
 * Paces one run of background work on this host: a token bucket refilled at the limit (read again on every refill,
 * so a new limit applies at once) holding at most one second's worth, and the rate reached, smoothed over the last
 * seconds.
 */
final class Pace {

    private final WorkKind kind;
    private final long run;
    private double tokens;
    private Instant refilled;
    private Instant measuredAt;
    private long lastSeen = -1;
    private long measuredProcessed = -1;
    private double rate;

    Pace(WorkKind kind, long run, Instant now) {
        this.kind = kind;
        this.run = run;
        this.refilled = now;
        this.measuredAt = now;
    }

    boolean matches(WorkKind otherKind, long otherRun) {
        return kind == otherKind && run == otherRun;
    }

    void refill(long limitPerSecond, Instant now) {
        double seconds = Duration.between(refilled, now).toNanos() / 1e9;
        tokens = Math.min(limitPerSecond, tokens + seconds * limitPerSecond);
        refilled = now;
    }

    double tokens() {
        return tokens;
    }

    /**
     * Records the work's processed count after a step and charges the bucket with what the step did.
     *
     * @param budget what the step was allowed: charged when this host has not seen the count before
     * @return how many entities the step processed (the budget, the first time)
     */
    long took(long processedNow, int budget, Instant now) {
        long done = lastSeen < 0 ? budget : Math.max(0, processedNow - lastSeen);
        lastSeen = processedNow;
        tokens = Math.max(0, tokens - done);
        if (measuredProcessed < 0) {
            measuredProcessed = processedNow;
            measuredAt = now;
            return done;
        }
        double seconds = Duration.between(measuredAt, now).toNanos() / 1e9;
        if (seconds >= 1) {
            double measured = (processedNow - measuredProcessed) / seconds;
            rate = rate == 0 ? measured : 0.5 * rate + 0.5 * measured;
            measuredAt = now;
            measuredProcessed = processedNow;
        }
        return done;
    }

    double rate() {
        return rate;
    }
}
