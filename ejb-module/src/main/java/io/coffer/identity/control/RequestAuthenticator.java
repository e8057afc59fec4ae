package io.coffer.identity.control;

import io.coffer.identity.boundary.IdentityService;
import io.coffer.identity.control.SignatureVerifier.KeyId;
import io.coffer.identity.entity.ApiKey;
import io.coffer.identity.entity.Caller;
import io.coffer.platform.time.RealTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates a signed request: verifies its OCI signature against the key its keyId names (from the cache, else
 * from the base store or this host's replica of it) and says who the caller is. Signature freshness follows real
 * time, never the adjustable business clock.
 */
@ApplicationScoped
public class RequestAuthenticator {

    @Inject
    ApiKeyCache cache;

    @Inject
    IdentityService identities;

    @Inject
    ApiKeyRevocations revocations;

    @Inject
    @RealTime
    Clock clock;

    public Caller authenticate(SignedRequest request) {
        SignatureVerifier verifier =
                new SignatureVerifier(clock, keyId -> known(keyId).map(ApiKeyCache.Entry::key));
        KeyId keyId = verifier.verify(request);
        return known(keyId).orElseThrow().caller();
    }

    private Optional<ApiKeyCache.Entry> known(KeyId keyId) {
        Optional<ApiKeyCache.Entry> cached = cache.get(keyId, clock.instant());
        if (cached.isPresent()) {
            return cached;
        }
        // A replica may still hold a key deleted a moment ago: the grid knows it is gone.
        Optional<IdentityService.KnownKey> found = identities
                .key(keyId)
                .filter(key ->
                        !revocations.revokedSince(ApiKey.idOf(keyId.userId(), keyId.fingerprint()), key.created()));
        found.ifPresent(key -> cache.put(keyId, key.key(), key.caller(), clock.instant()));
        return cache.get(keyId, clock.instant());
    }
}
