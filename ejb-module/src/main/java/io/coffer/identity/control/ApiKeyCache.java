package io.coffer.identity.control;

import io.coffer.identity.control.SignatureVerifier.KeyId;
import io.coffer.identity.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently used API keys with the caller they authenticate, for a minute: a signed request costs no store round trip.
 * A deleted key is dropped from every host's cache within a second through the data grid ({@code RevocationFollower});
 * without the grid it stops working within the minute. Public keys only: nothing secret is kept here.
 */
@ApplicationScoped
public class ApiKeyCache {

    static final Duration TTL = Duration.ofMinutes(1);
    private static final int CAPACITY = 10_000;

    /** A key and whom it authenticates. */
    public record Entry(PublicKey key, Caller caller, Instant expires) {}

    private final Map<KeyId, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyId, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized Optional<Entry> get(KeyId keyId, Instant now) {
        Entry entry = entries.get(keyId);
        if (entry == null || entry.expires().isBefore(now)) {
            entries.remove(keyId);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    public synchronized void put(KeyId keyId, PublicKey key, Caller caller, Instant now) {
        entries.put(keyId, new Entry(key, caller, now.plus(TTL)));
    }

    /** Forgets every key: the next use of each is looked up again. */
    public synchronized void clear() {
        entries.clear();
    }
}
