package io.coffer.secret.entity;

/**
 * A version's content as the encryption layer returns it: the opaque ciphertext, the master key version that wrapped
 * its data key, and an optional keyed digest of the plaintext (an HMAC under a key only the encryption layer holds)
 * that lets the reuse rule compare contents without decrypting, even after a version's ciphertext is destroyed.
 * Never plaintext.
 */
public record SealedContent(byte[] ciphertext, String keyVersionId, byte[] digest) {

    public SealedContent {
        if (ciphertext == null || ciphertext.length == 0) {
            throw new IllegalArgumentException("sealed content needs its ciphertext");
        }
        if (keyVersionId == null || keyVersionId.isBlank()) {
            throw new IllegalArgumentException("sealed content needs the id of the key version that wrapped it");
        }
        ciphertext = ciphertext.clone();
        digest = digest == null ? null : digest.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] digest() {
        return digest == null ? null : digest.clone();
    }

    @Override
    public String toString() {
        return "SealedContent[" + ciphertext.length + " bytes, keyVersionId=" + keyVersionId + "]";
    }
}
