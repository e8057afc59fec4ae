package io.coffer.crypto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The thread's one cipher serves one key after another, and a failed use leaves nothing behind for the next. */
class GcmTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    private static Key newKey() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return new SecretKeySpec(material, "AES");
    }

    @Test
    void eachCallUsesOnlyItsOwnKey() {
        Key first = newKey();
        Key second = newKey();
        byte[] one = Gcm.seal(first, bytes("one"), AAD, null);
        byte[] two = Gcm.seal(second, bytes("two"), AAD, null);

        for (int i = 0; i < 3; i++) {
            assertThat(Gcm.open(first, one, AAD, null)).isEqualTo(bytes("one"));
            assertThat(Gcm.open(second, two, AAD, null)).isEqualTo(bytes("two"));
        }
        assertThatThrownBy(() -> Gcm.open(second, one, AAD, null)).isInstanceOf(CryptoFailure.class);
        assertThat(Gcm.open(first, one, AAD, null)).isEqualTo(bytes("one"));
    }

    @Test
    void aTamperedValueFailsAndTheNextCallStillWorks() {
        Key key = newKey();
        byte[] sealed = Gcm.seal(key, bytes("content"), AAD, null);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> Gcm.open(key, tampered, AAD, null)).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> Gcm.open(key, sealed, bytes("other"), null)).isInstanceOf(CryptoFailure.class);
        assertThat(Gcm.open(key, sealed, AAD, null)).isEqualTo(bytes("content"));
    }

    @Test
    void sealingTwiceWithTheSameKeyGivesTwoIvs() {
        Key key = newKey();

        byte[] first = Gcm.seal(key, bytes("same"), AAD, null);
        byte[] second = Gcm.seal(key, bytes("same"), AAD, null);

        assertThat(first).isNotEqualTo(second);
        assertThat(Gcm.open(key, second, AAD, null)).isEqualTo(bytes("same"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
