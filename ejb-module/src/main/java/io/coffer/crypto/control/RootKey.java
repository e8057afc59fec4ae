package io.coffer.crypto.control;

/**
 * The key at the top: wraps and unwraps the material of master key versions, with associated data. Implementations
 * keep the key where it is held (a keystore file, an HSM); it is never handed out.
 */
public interface RootKey {

    /** Names the root key, stored with everything it wraps, e.g. {@code keystore:coffer-root}. */
    String id();

    byte[] wrap(byte[] keyMaterial, byte[] associatedData);

    byte[] unwrap(byte[] wrapped, byte[] associatedData);
}
