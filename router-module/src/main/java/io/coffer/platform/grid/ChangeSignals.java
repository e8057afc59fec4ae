package io.coffer.platform.grid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * Tells every host that something it follows has changed: one counter per subject in the data grid, moved by the host
 * where the change was committed and watched by every host's follower ({@link ChangeWatch}), which then reads the
 * subject again at once. Each follower still reads its subject on a fixed period, so a signal that is lost (no grid,
 * the grid down) only delays a change to that period.
 */
@ApplicationScoped
public class ChangeSignals {

    static final String CACHE = "coffer-change-signals";
    /** Counters outlive any follower's period by far; one that expires starts again and still reads as a move. */
    static final Duration LIFETIME = Duration.ofDays(7);

    private static final int ATTEMPTS = 32;
    private static final Logger LOG = Logger.getLogger(ChangeSignals.class.getName());

    @Inject
    SharedCaches caches;

    /** Moves the subject's counter; false when the grid could not be told. Call it after the change committed. */
    public boolean announce(String subject) {
        try {
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
        } catch (RuntimeException gridDown) {
            LOG.warning("the data grid could not be told that " + subject + " changed (" + gridDown
                    + "); other hosts follow the change at their next periodic read");
            return false;
        }
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
}
