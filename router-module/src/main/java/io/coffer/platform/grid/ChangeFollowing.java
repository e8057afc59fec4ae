package io.coffer.platform.grid;

import io.coffer.platform.time.PeriodicTask;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a follower of a subject of {@link ChangeSignals} schedules: a look at the subject's counter every
 * {@link #LOOK_EVERY} (or the period it names) that runs the follower's refresh when the counter moved
 * ({@link ChangeWatch}), and, when the follower asks for it, the refresh on a longer fixed period in any case: the
 * safety net that follows a change whose signal was lost (no grid, the grid down). Both run as {@link PeriodicTask}s
 * and stop together. A refresh runs on the executor's thread, as any periodic task's work does; what it does when it
 * fails is the follower's own business.
 */
public final class ChangeFollowing {

    /** How often a follower looks at its subject's counter unless it names another period. */
    public static final Duration LOOK_EVERY = Duration.ofMillis(200);

    private final Supplier<Optional<Long>> generation;
    private final Runnable refresh;
    private final Duration lookEvery;
    private final Duration readEvery;
    private final ChangeWatch watch = new ChangeWatch();
    private volatile PeriodicTask looking;
    private volatile PeriodicTask reading;

    private ChangeFollowing(
            Supplier<Optional<Long>> generation, Runnable refresh, Duration lookEvery, Duration readEvery) {
        this.generation = generation;
        this.refresh = refresh;
        this.lookEvery = lookEvery;
        this.readEvery = readEvery;
    }

    /** Follows {@code subject}: {@code refresh} reads it again. Nothing runs before {@link #start}. */
    public static ChangeFollowing of(ChangeSignals signals, String subject, Runnable refresh) {
        return of(() -> signals.generation(subject), refresh);
    }

    /** Follows a counter read by {@code generation} (empty when the grid cannot be read). */
    static ChangeFollowing of(Supplier<Optional<Long>> generation, Runnable refresh) {
        return new ChangeFollowing(generation, refresh, LOOK_EVERY, null);
    }

    /** The same following, looking at the counter every {@code period} instead of {@link #LOOK_EVERY}. */
    public ChangeFollowing lookingEvery(Duration period) {
        return new ChangeFollowing(generation, refresh, period, readEvery);
    }

    /** The same following, also running the refresh every {@code period} whatever the counter says. */
    public ChangeFollowing readingEvery(Duration period) {
        return new ChangeFollowing(generation, refresh, lookEvery, period);
    }

    /** Starts the looks (and the fixed-period refresh, if asked for), each first after one period. */
    public ChangeFollowing start(ScheduledExecutorService executor) {
        if (readEvery != null) {
            long read = readEvery.toMillis();
            reading = PeriodicTask.start(executor, refresh, read, read, TimeUnit.MILLISECONDS);
        }
        long look = lookEvery.toMillis();
        looking = PeriodicTask.start(executor, this::look, look, look, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look: the refresh when the counter moved since the last look (the first look only learns it). */
    void look() {
        if (watch.moved(generation.get())) {
            refresh.run();
        }
    }

    /** Stops the looks, then the fixed-period refresh (see {@link PeriodicTask#stop}); nothing to stop if not started. */
    public void stop() {
        PeriodicTask.stopIfStarted(looking);
        PeriodicTask.stopIfStarted(reading);
    }

    /** Stops a following that was started; a bean torn down before its start left {@code null}, and nothing to stop. */
    public static void stopIfStarted(ChangeFollowing following) {
        if (following != null) {
            following.stop();
        }
    }
}
