package io.coffer.key.control;

/**
 * Makes the material of master key versions: fresh AES-256 bytes, wrapped at once by the root key with the key's and
 * the version's ids bound in, so that the plaintext material exists only in memory.
 */
public interface KeyMaterial {

    /** Wrapped material and the id of the root key that wrapped it. */
    record Wrapped(byte[] material, String rootKeyId) {
        @Override
        public String toString() {
            return "Wrapped[by " + rootKeyId + "]";
        }
    }

    Wrapped create(String keyId, String versionId);
}
