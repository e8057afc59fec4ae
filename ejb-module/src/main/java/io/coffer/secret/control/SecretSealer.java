package io.coffer.secret.control;

import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;

/**
 * The encryption layer as the secret rules see it: it turns plaintext into what may be stored. Coffer's rules hand it
 * the secret (tenancy, vault, id) and the version number so that the ciphertext can be bound to exactly that place.
 * Plaintext passed in must not be kept, logged or measured.
 */
public interface SecretSealer {

    /** The sealed content of version {@code versionNumber} of {@code secret}. */
    SealedContent sealContent(Secret secret, long versionNumber, byte[] plaintext);

    /** The sealed metadata (UTF-8 JSON) of {@code secret}. */
    byte[] sealMetadata(Secret secret, byte[] metadataJson);
}
