package io.coffer.throttling.control;

import io.coffer.platform.grid.BoundedGridCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The grid's buckets as long as the grid answers within the calls' patience; otherwise this host's own buckets for the
 * next {@code coolDown}, then the grid again. A request never waits on a grid that hangs (a member stopped, a
 * partition migrating) longer than the patience: it is throttled by this host alone meanwhile, at the full limit
 * (fail-open per host: with N hosts cut off, a tenancy may get up to N times its limit).
 */
public final class FailOpenBuckets implements SharedBuckets {

    private final Supplier<SharedBuckets> grid;
    private final SharedBuckets local;
    private final BoundedGridCalls calls;
    private final Clock clock;
    private final Duration coolDown;
    private final Runnable onFailure;
    private volatile long localUntilMillis;

    /**
     * @param grid      the grid's buckets, or null when this host has no grid (then always local)
     * @param calls     how the grid is asked, with its patience; it says an outage once and its end once
     * @param onFailure counts a fall back to the local buckets
     */
    public FailOpenBuckets(
            Supplier<SharedBuckets> grid,
            SharedBuckets local,
            BoundedGridCalls calls,
            Clock clock,
            Duration coolDown,
            Runnable onFailure) {
        this.grid = grid;
        this.local = local;
        this.calls = calls;
        this.clock = clock;
        this.coolDown = coolDown;
        this.onFailure = onFailure;
    }

    @Override
    public TokenBucket.Take take(String key, Rate rate, int wanted) {
        if (clock.millis() < localUntilMillis) {
            return local.take(key, rate, wanted);
        }
        SharedBuckets shared = grid.get();
        if (shared == null) {
            return local.take(key, rate, wanted);
        }
        Optional<TokenBucket.Take> answer = calls.call(
                () -> shared.take(key, rate, wanted),
                "taking a throttling token from the data grid",
                "this host enforces every limit by itself, and asks the grid again every " + coolDown.toSeconds()
                        + " s");
        if (answer.isPresent()) {
            return answer.get();
        }
        localUntilMillis = clock.millis() + coolDown.toMillis();
        onFailure.run();
        return local.take(key, rate, wanted);
    }

    /** Whether this host currently throttles by itself. */
    public boolean local() {
        return grid.get() == null || clock.millis() < localUntilMillis;
    }
}
