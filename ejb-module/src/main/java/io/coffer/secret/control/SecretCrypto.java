package io.coffer.secret.control;

import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;

/**
 * What the secret facades need from encryption at rest: sealing new content and metadata under a key's current
 * version, comparing new content with earlier versions (reuse rule), and opening what was sealed.
 */
public interface SecretCrypto {

    /** Seals under this master key version (the key's current one). */
    SecretSealer sealer(MasterKeyVersion current);

    /** Compares candidate plaintext with the keyed digest kept with each earlier version. */
    PriorContentMatcher priorContent(KeyVersions versions);

    /** The plaintext content of a version; fails when the ciphertext is not this version's (tampering, a copied row). */
    byte[] openContent(Secret secret, SecretVersion version, MasterKeyVersion sealedWith);

    /** The id of the master key version that sealed the secret's metadata, or null when it has none. */
    String metadataKeyVersionId(Secret secret);

    /** The plaintext metadata JSON. */
    byte[] openMetadata(Secret secret, MasterKeyVersion sealedWith);

    /** Finds master key versions by id, for whoever opens or compares. */
    @FunctionalInterface
    interface KeyVersions {
        MasterKeyVersion byId(String keyVersionId);
    }
}
