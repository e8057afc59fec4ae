package io.coffer.crypto.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a random 96-bit IV and a 128-bit tag: {@code iv || ciphertext || tag}. */
final class Gcm {

    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The default provider's cipher, one per thread: looking it up among the providers cost more than the decryption
     * of a bundle. Each use initialises it with its own key and IV, and then again with a constant blank key
     * ({@link #release}): no key stays reachable from the thread between calls, none is reused.
     */
    private static final ThreadLocal<Cipher> DEFAULT_CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException missing) {
            throw new CryptoFailure(
                    "AES-GCM is not available: " + missing.getClass().getSimpleName(), missing);
        }
    });

    private static final Key BLANK_KEY = new SecretKeySpec(new byte[32], "AES");
    private static final GCMParameterSpec BLANK_IV = new GCMParameterSpec(TAG_BITS, new byte[IV_BYTES]);

    private Gcm() {}

    static byte[] seal(Key key, byte[] plaintext, byte[] associatedData, Provider provider) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher cipher = null;
        try {
            cipher = cipher(provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException failure) {
            throw new CryptoFailure(
                    "AES-GCM encryption failed: " + failure.getClass().getSimpleName(), failure);
        } finally {
            release(cipher, provider);
        }
    }

    static byte[] open(Key key, byte[] sealed, byte[] associatedData, Provider provider) {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoFailure("sealed value is too short to be AES-GCM output");
        }
        Cipher cipher = null;
        try {
            cipher = cipher(provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (AEADBadTagException altered) {
            throw new CryptoFailure(
                    "authentication failed: the ciphertext was altered, belongs elsewhere, or the key is wrong");
        } catch (GeneralSecurityException failure) {
            throw new CryptoFailure(
                    "AES-GCM decryption failed: " + failure.getClass().getSimpleName(), failure);
        } finally {
            release(cipher, provider);
        }
    }

    private static Cipher cipher(Provider provider) throws GeneralSecurityException {
        return provider == null ? DEFAULT_CIPHER.get() : Cipher.getInstance(TRANSFORMATION, provider);
    }

    /** The thread's cipher forgets the key it just used (decryption mode: a constant IV is allowed there). */
    private static void release(Cipher cipher, Provider provider) {
        if (cipher == null || provider != null) {
            return;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, BLANK_KEY, BLANK_IV);
        } catch (GeneralSecurityException | RuntimeException unusable) {
            // Never reused in an unknown state: the thread gets a new cipher on its next call.
            DEFAULT_CIPHER.remove();
        }
    }
}
