package io.coffer.throttling.control;

import io.coffer.platform.grid.BoundedGridCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The grid's buckets as long as the grid answers within the calls' patience; otherwise this host's own buckets for the
 * next {@code coolDown}, then the grid again. A request never waits on a grid that hangs (a member stopped, a
 * partition migrating) longer than the patience: it is throttled by this host alone meanwhile.
 *
 * <p>A host cut off from the grid enforces its share of each limit: the limit divided by the hosts it last saw in
 * the grid (at least one token a second). So when every host falls back at once (a grid too slow for all of them),
 * a tenancy still gets about its limit in total, not one limit per host; while some hosts still use the grid, it gets
 * at most its limit plus the cut-off hosts' shares. A host that has no grid at all enforces the whole limit.
 */
public final class FailOpenBuckets implements SharedBuckets {

    private final Supplier<SharedBuckets> grid;
    private final SharedBuckets local;
    private final IntSupplier hostsSharing;
    private final BoundedGridCalls calls;
    private final Clock clock;
    private final Duration coolDown;
    private final Runnable onFailure;
    private volatile long localUntilMillis;

    /**
     * @param grid      the grid's buckets, or null when this host has no grid (then always local)
     * @param hostsSharing how many hosts share the grid's limits, as last seen (a cut-off host enforces its share)
     * @param calls     how the grid is asked, with its patience; it says an outage once and its end once
     * @param onFailure counts a fall back to the local buckets
     */
    public FailOpenBuckets(
            Supplier<SharedBuckets> grid,
            SharedBuckets local,
            IntSupplier hostsSharing,
            BoundedGridCalls calls,
            Clock clock,
            Duration coolDown,
            Runnable onFailure) {
        this.grid = grid;
        this.local = local;
        this.hostsSharing = hostsSharing;
        this.calls = calls;
        this.clock = clock;
        this.coolDown = coolDown;
        this.onFailure = onFailure;
    }

    @Override
    public TokenBucket.Take take(String key, Rate rate, int wanted) {
        if (clock.millis() < localUntilMillis) {
            return local.take(key, rate.share(hostsSharing.getAsInt()), wanted);
        }
        SharedBuckets shared = grid.get();
        if (shared == null) {
            return local.take(key, rate, wanted);
        }
        Optional<TokenBucket.Take> answer = calls.call(
                () -> shared.take(key, rate, wanted),
                "taking a throttling token from the data grid",
                "this host enforces its share of every limit by itself, and asks the grid again every "
                        + coolDown.toSeconds() + " s");
        if (answer.isPresent()) {
            return answer.get();
        }
        localUntilMillis = clock.millis() + coolDown.toMillis();
        onFailure.run();
        return local.take(key, rate.share(hostsSharing.getAsInt()), wanted);
    }

    /** Whether this host currently throttles by itself. */
    public boolean local() {
        return grid.get() == null || clock.millis() < localUntilMillis;
    }
}
