package io.coffer.identity.control;

import io.coffer.platform.grid.ChangeSignals;
import io.coffer.platform.grid.SharedCaches;
import io.coffer.platform.time.RealTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * Deleted API keys, told to every host through the data grid: the key's id (user and fingerprint, no key material)
 * with the time it was deleted, and a change signal ({@link ChangeSignals}) that every host watches
 * ({@code RevocationFollower}) to drop its cached keys at once. An entry outlives replication's lag by far, so a host
 * whose replica still has the deleted key refuses it anyway. Without the grid, a deleted key stops working on other
 * hosts when their cache entry expires ({@link ApiKeyCache#TTL}).
 */
@ApplicationScoped
public class ApiKeyRevocations {

    static final String CACHE = "coffer-api-key-revocations";
    static final String SIGNAL = "api-keys";
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ApiKeyRevocations.class.getName());

    @Inject
    SharedCaches caches;

    @Inject
    ApiKeyCache cache;

    @Inject
    ChangeSignals signals;

    @Inject
    @RealTime
    Clock clock;

    /** Tells every host that the key is deleted (this one at once); false if the grid could not be told. */
    public boolean revoke(String apiKeyId) {
        cache.clear();
        try {
            Optional<Cache<String, Long>> cache = caches.longs(CACHE, LIFETIME);
            if (cache.isEmpty()) {
                return false;
            }
            cache.get().put(apiKeyId, clock.millis());
            return signals.announce(SIGNAL);
        } catch (RuntimeException gridDown) {
            LOG.warning("the data grid could not be told that API key " + apiKeyId + " is deleted (" + gridDown
                    + "); other hosts stop accepting it within " + ApiKeyCache.TTL.toSeconds() + " s");
            return false;
        }
    }

    /** Whether the key was deleted after {@code created} (a key registered again later is a new key). */
    public boolean revokedSince(String apiKeyId, Instant created) {
        try {
            Long revokedAt = caches.longs(CACHE, LIFETIME)
                    .map(cache -> cache.get(apiKeyId))
                    .orElse(null);
            return revokedAt != null && revokedAt >= created.toEpochMilli();
        } catch (RuntimeException gridDown) {
            return false;
        }
    }
}
