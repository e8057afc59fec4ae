package io.coffer.identity.control;

import io.coffer.platform.grid.BoundedGridCalls;
import io.coffer.platform.grid.ChangeSignals;
import io.coffer.platform.grid.SharedCaches;
import io.coffer.platform.time.RealTime;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
    /** How long a request waits for the grid's answer: as long as a throttled request may. */
    static final Duration PATIENCE = Duration.ofMillis(500);
    /** Reads happen once per key and host per cache period: a couple of threads are plenty. */
    static final int THREADS = 2;

    @Inject
    SharedCaches caches;

    @Inject
    ApiKeyCache cache;

    @Inject
    ChangeSignals signals;

    @Inject
    @RealTime
    Clock clock;

    private BoundedGridCalls reads;

    /**
     * Tells every host that the key is deleted (this one at once); false if the grid could not be told, within the
     * same bound as any change signal ({@link ChangeSignals#announce}): the deletion is committed either way.
     */
    public boolean revoke(String apiKeyId) {
        cache.clear();
        return signals.announce(
                SIGNAL,
                () -> record(apiKeyId),
                "other hosts stop accepting a deleted API key within " + ApiKeyCache.TTL.toSeconds() + " s");
    }

    private boolean record(String apiKeyId) {
        Optional<Cache<String, Long>> revoked = caches.longs(CACHE, LIFETIME);
        revoked.ifPresent(entries -> entries.put(apiKeyId, clock.millis()));
        return revoked.isPresent();
    }

    /**
     * Whether the key was deleted after {@code created} (a key registered again later is a new key). Asked on a request
     * thread when the key is not cached, so never longer than {@link #PATIENCE}: a grid that does not answer by then
     * counts as no revocation, and the key is judged by the store alone (where its deletion arrives by replication).
     */
    public boolean revokedSince(String apiKeyId, Instant created) {
        Long revokedAt = reads().call(
                        () -> caches.longs(CACHE, LIFETIME)
                                .map(cache -> cache.get(apiKeyId))
                                .orElse(-1L),
                        "reading the API key revocations from the data grid",
                        "a deleted API key is refused once its deletion reaches this host's store")
                .orElse(-1L);
        return revokedAt >= created.toEpochMilli();
    }

    /** Made on the first read, on a request thread, which can look the server's thread factory up. */
    private synchronized BoundedGridCalls reads() {
        if (reads == null) {
            reads = BoundedGridCalls.onServerThreads("coffer-api-key-revocations", THREADS, PATIENCE);
        }
        return reads;
    }

    @PreDestroy
    synchronized void stop() {
        if (reads != null) {
            reads.close();
        }
    }
}
