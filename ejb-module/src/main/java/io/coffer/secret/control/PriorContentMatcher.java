package io.coffer.secret.control;

import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import java.security.MessageDigest;
import java.util.function.BiFunction;

/**
 * Tells whether new plaintext equals the content of an earlier version, for the reuse rule. Supplied by the caller,
 * which alone can see plaintext: it may decrypt the prior version, or compare keyed digests.
 *
 * <p>Prefer {@link #byDigest}: a deleted version has no ciphertext left, only the digest the encryption layer gave
 * with its {@link io.coffer.secret.entity.SealedContent}, so only digests can enforce the rule on deleted versions.
 */
@FunctionalInterface
public interface PriorContentMatcher {

    boolean matches(Secret secret, SecretVersion prior, byte[] candidatePlaintext);

    /**
     * Compares the digest stored with the prior version against the digest of the candidate, computed by the same
     * keyed function the encryption layer used when it sealed; constant-time. A version without digest never matches.
     */
    static PriorContentMatcher byDigest(BiFunction<Secret, byte[], byte[]> keyedDigest) {
        return (secret, prior, candidate) -> {
            byte[] stored = prior.contentDigest();
            return stored != null && MessageDigest.isEqual(stored, keyedDigest.apply(secret, candidate));
        };
    }
}
