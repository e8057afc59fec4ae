package io.coffer.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PublicKeysTest {

    @Test
    void aPemRoundTripsAndItsFingerprintIsTheColonHexMd5OfTheDer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        RSAPublicKey parsed = PublicKeys.parse(PublicKeys.pem(key));
        assertThat(parsed).isEqualTo(key);
        String expected = HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("MD5").digest(key.getEncoded()));
        assertThat(PublicKeys.fingerprint(parsed)).isEqualTo(expected).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    }

    @Test
    void notAKeyOrATooSmallKeyIsRefused() throws Exception {
        assertThatThrownBy(() -> PublicKeys.parse("hello"))
                .isInstanceOf(CofferException.class)
                .hasMessageContaining("PEM block");
        assertThatThrownBy(() -> PublicKeys.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(CofferException.class)
                .hasMessageContaining("not a valid RSA public key");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPublicKey small = (RSAPublicKey) generator.generateKeyPair().getPublic();
        assertThatThrownBy(() -> PublicKeys.parse(PublicKeys.pem(small))).hasMessageContaining("at least 2048 bits");
    }
}
