package io.coffer.crypto.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM with a random 96-bit IV and a 128-bit tag: {@code iv || ciphertext || tag}. */
final class Gcm {

    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Gcm() {}

    static byte[] seal(Key key, byte[] plaintext, byte[] associatedData, Provider provider) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = provider == null
                    ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", provider);
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
        }
    }

    static byte[] open(Key key, byte[] sealed, byte[] associatedData, Provider provider) {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoFailure("sealed value is too short to be AES-GCM output");
        }
        try {
            Cipher cipher = provider == null
                    ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (AEADBadTagException altered) {
            throw new CryptoFailure(
                    "authentication failed: the ciphertext was altered, belongs elsewhere, or the key is wrong");
        } catch (GeneralSecurityException failure) {
            throw new CryptoFailure(
                    "AES-GCM decryption failed: " + failure.getClass().getSimpleName(), failure);
        }
    }
}
