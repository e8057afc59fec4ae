package io.coffer.platform.grid;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;

/**
 * Tells every host that something it follows has changed: one counter per subject in the data grid, moved by the host
 * where the change was committed and watched by every host's follower ({@link ChangeFollowing}), which then reads the
 * subject again at once. Each follower still reads its subject on a fixed period, so a signal that is lost (no grid,
 * the grid down) only delays a change to that period.
 *
 * <p>The committing host is an admin request that must not hang on a grid member that does not answer: the counter is
 * moved on threads of this bean's own and the request waits for it at most {@link #PATIENCE} ({@link
 * BoundedGridCalls}); the change stays committed whatever the grid does.
 */
@ApplicationScoped
public class ChangeSignals {

    static final String CACHE = "coffer-change-signals";
    /** Counters outlive any follower's period by far; one that expires starts again and still reads as a move. */
    static final Duration LIFETIME = Duration.ofDays(7);
    /**
     * How long an announcing request waits for the grid: longer than a throttled read may (500 ms), since an admin
     * request is rare and a busy but live grid (a member joining, a loaded machine) must not be reported as not told.
     */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    /** Announcing threads: changes are rare, so a couple are plenty; while the grid hangs, later announces queue. */
    static final int THREADS = 2;

    private static final int ATTEMPTS = 32;

    @Inject
    SharedCaches caches;

    private BoundedGridCalls bounded;

    /**
     * Moves the subject's counter; false when the grid could not be told (none, no answer in time, a failure). Call it
     * after the change committed.
     */
    public boolean announce(String subject) {
        return announce(subject, () -> true, "other hosts follow the change at their next periodic read");
    }

    /**
     * Runs {@code record}, the change's own grid work (false: the grid cannot take it), then moves the subject's
     * counter, all within the same bound; false when the grid was not told.
     *
     * @param otherwise what follows for the other hosts when the grid was not told, for the log
     */
    public boolean announce(String subject, BooleanSupplier record, String otherwise) {
        return bounded()
                .call(
                        () -> record.getAsBoolean() && move(subject),
                        "telling the data grid that " + subject + " changed",
                        otherwise)
                .orElse(false);
    }

    private boolean move(String subject) {
        Optional<Cache<String, Long>> counters = caches.longs(CACHE, LIFETIME);
        if (counters.isEmpty()) {
            return false;
        }
        Cache<String, Long> cache = counters.get();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Long generation = cache.get(subject);
            boolean moved = generation == null
                    ? cache.putIfAbsent(subject, 1L)
                    : cache.replace(subject, generation, generation + 1);
            if (moved) {
                return true;
            }
        }
        return false;
    }

    /** The subject's counter (0 before any change), or empty when the grid cannot be read. */
    public Optional<Long> generation(String subject) {
        try {
            return caches.longs(CACHE, LIFETIME).map(cache -> {
                Long generation = cache.get(subject);
                return generation == null ? 0L : generation;
            });
        } catch (RuntimeException gridDown) {
            return Optional.empty();
        }
    }

    /** Made at the first announce, on the announcing request's thread, which can look the server's factory up. */
    private synchronized BoundedGridCalls bounded() {
        if (bounded == null) {
            bounded = BoundedGridCalls.onServerThreads("coffer-change-signals", THREADS, PATIENCE);
        }
        return bounded;
    }

    @PreDestroy
    synchronized void stop() {
        if (bounded != null) {
            bounded.close();
        }
    }
}
