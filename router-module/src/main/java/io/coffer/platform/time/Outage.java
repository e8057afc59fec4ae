package io.coffer.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outage of a dependency as one background task sees it, so that the task says so once when it starts and once
 * when it ends (with its length) instead of at every tick, and waits longer between tries while it lasts: every try
 * against a store or broker that is down makes the app server log its own warnings too.
 *
 * <p>Tries back off from {@code firstRetry}, doubling up to {@code longestRetry}. Thread-safe.
 */
public final class Outage {

    private final Duration firstRetry;
    private final Duration longestRetry;
    private Instant since;
    private Instant nextTry;
    private Duration wait;

    public Outage(Duration firstRetry, Duration longestRetry) {
        if (firstRetry.isNegative() || longestRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retries back off from " + firstRetry + " up to " + longestRetry);
        }
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
    }

    /** Whether the task should try now: always while nothing failed, else once its back-off has passed. */
    public synchronized boolean mayTry(Instant now) {
        return since == null || !now.isBefore(nextTry);
    }

    /** Records a failed try; {@code true} when it starts an outage (the one time to say so). */
    public synchronized boolean failed(Instant now) {
        boolean starts = since == null;
        if (starts) {
            since = now;
            wait = firstRetry;
        } else {
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(longestRetry) > 0 ? longestRetry : doubled;
        }
        nextTry = now.plus(wait);
        return starts;
    }

    /** Records a successful try; the outage's length when it ends one (the one time to say so). */
    public synchronized Optional<Duration> succeeded(Instant now) {
        if (since == null) {
            return Optional.empty();
        }
        Duration length = Duration.between(since, now);
        since = null;
        nextTry = null;
        wait = null;
        return Optional.of(length.isNegative() ? Duration.ZERO : length);
    }

    public synchronized boolean ongoing() {
        return since != null;
    }

    /** An outage's length for a log line: "2.4 s", "3 min 5 s". */
    public static String describe(Duration length) {
        long seconds = length.toSeconds();
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.1f s", length.toMillis() / 1000.0);
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
