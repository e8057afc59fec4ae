package io.coffer.throttling.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The grid's buckets as long as the grid answers within {@code patience}; otherwise this host's own buckets for the
 * next {@code coolDown}, then the grid again. A request never waits on a grid that hangs (a member stopped, a
 * partition migrating) longer than the patience: it is throttled by this host alone meanwhile, at the full limit
 * (fail-open per host: with N hosts cut off, a tenancy may get up to N times its limit).
 */
public final class FailOpenBuckets implements SharedBuckets {

    private static final Logger LOG = Logger.getLogger(FailOpenBuckets.class.getName());

    private final Supplier<SharedBuckets> grid;
    private final SharedBuckets local;
    private final Executor executor;
    private final Clock clock;
    private final Duration patience;
    private final Duration coolDown;
    private final Runnable onFailure;
    private volatile long localUntilMillis;

    /**
     * @param grid      the grid's buckets, or null when this host has no grid (then always local)
     * @param onFailure counts a fall back to the local buckets
     */
    public FailOpenBuckets(
            Supplier<SharedBuckets> grid,
            SharedBuckets local,
            Executor executor,
            Clock clock,
            Duration patience,
            Duration coolDown,
            Runnable onFailure) {
        this.grid = grid;
        this.local = local;
        this.executor = executor;
        this.clock = clock;
        this.patience = patience;
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
        try {
            return CompletableFuture.supplyAsync(() -> shared.take(key, rate, wanted), executor)
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException failed) {
            Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
            boolean first = clock.millis() >= localUntilMillis;
            localUntilMillis = clock.millis() + coolDown.toMillis();
            onFailure.run();
            if (first) {
                LOG.warning("the data grid did not answer a throttling bucket in time (" + cause + "); this host"
                        + " enforces every limit by itself for " + coolDown.toSeconds() + " s");
            }
            return local.take(key, rate, wanted);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return local.take(key, rate, wanted);
        }
    }

    /** Whether this host currently throttles by itself. */
    public boolean local() {
        return grid.get() == null || clock.millis() < localUntilMillis;
    }
}
