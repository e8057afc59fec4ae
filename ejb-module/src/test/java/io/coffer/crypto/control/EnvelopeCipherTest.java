package io.coffer.crypto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final byte[] PLAINTEXT = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedUnderTheSameKeyAndPlace() {
        SecretKey master = aesKey();
        byte[] aad = AssociatedData.content("t", "v", "s", 1);
        byte[] sealed = EnvelopeCipher.seal(PLAINTEXT, master, aad);
        assertThat(EnvelopeCipher.open(sealed, master, aad)).isEqualTo(PLAINTEXT);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("horse");
    }

    @Test
    void everySealUsesAFreshDataKeyAndIv() {
        SecretKey master = aesKey();
        byte[] aad = AssociatedData.content("t", "v", "s", 1);
        assertThat(EnvelopeCipher.seal(PLAINTEXT, master, aad))
                .isNotEqualTo(EnvelopeCipher.seal(PLAINTEXT, master, aad));
    }

    @Test
    void aCiphertextCopiedToAnotherPlaceDoesNotOpen() {
        SecretKey master = aesKey();
        byte[] sealed = EnvelopeCipher.seal(PLAINTEXT, master, AssociatedData.content("tenancy", "vault", "secret", 1));
        for (byte[] elsewhere : new byte[][] {
            AssociatedData.content("other-tenancy", "vault", "secret", 1),
            AssociatedData.content("tenancy", "other-vault", "secret", 1),
            AssociatedData.content("tenancy", "vault", "other-secret", 1),
            AssociatedData.content("tenancy", "vault", "secret", 2),
            AssociatedData.metadata("tenancy", "vault", "secret")
        }) {
            assertThatThrownBy(() -> EnvelopeCipher.open(sealed, master, elsewhere))
                    .isInstanceOf(CryptoFailure.class)
                    .hasMessageContaining("authentication failed");
        }
    }

    @Test
    void anyAlteredByteIsDetected() {
        SecretKey master = aesKey();
        byte[] aad = AssociatedData.content("t", "v", "s", 1);
        byte[] sealed = EnvelopeCipher.seal(PLAINTEXT, master, aad);
        for (int i = 3; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> EnvelopeCipher.open(altered, master, aad)).isInstanceOf(CryptoFailure.class);
        }
    }

    @Test
    void anotherMasterKeyDoesNotOpen() {
        byte[] aad = AssociatedData.content("t", "v", "s", 1);
        byte[] sealed = EnvelopeCipher.seal(PLAINTEXT, aesKey(), aad);
        assertThatThrownBy(() -> EnvelopeCipher.open(sealed, aesKey(), aad)).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void unknownFormatsAndTruncationsAreRefused() {
        SecretKey master = aesKey();
        byte[] aad = AssociatedData.content("t", "v", "s", 1);
        byte[] sealed = EnvelopeCipher.seal(PLAINTEXT, master, aad);
        byte[] future = sealed.clone();
        future[0] = 2;
        assertThatThrownBy(() -> EnvelopeCipher.open(future, master, aad))
                .hasMessageContaining("unknown envelope format 2");
        byte[] truncated = java.util.Arrays.copyOf(sealed, 20);
        assertThatThrownBy(() -> EnvelopeCipher.open(truncated, master, aad)).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void associatedDataOfDifferentTuplesNeverCollide() {
        assertThat(AssociatedData.of("ab", "c")).isNotEqualTo(AssociatedData.of("a", "bc"));
        assertThat(AssociatedData.content("t", "v", "s", 12)).isNotEqualTo(AssociatedData.content("t", "v", "s1", 2));
    }

    static SecretKey aesKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
