package io.coffer.identity.control;

import io.coffer.platform.failure.CofferException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA public keys as OCI takes them: PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), and their
 * fingerprint: the colon-separated hex MD5 of the DER encoding, as {@code openssl ... | openssl md5 -c} prints it.
 */
public final class PublicKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final int MIN_BITS = 2048;

    private PublicKeys() {}

    public static RSAPublicKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw CofferException.missing("adminPublicKey");
        }
        Matcher matcher = PEM.matcher(pem.trim());
        if (!matcher.matches()) {
            throw CofferException.invalid(
                    "the public key must be a PEM block -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (key.getModulus().bitLength() < MIN_BITS) {
                throw CofferException.invalid("the public key must be an RSA key of at least " + MIN_BITS + " bits");
            }
            return key;
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException notRsa) {
            throw CofferException.invalid("the public key is not a valid RSA public key");
        }
    }

    public static String fingerprint(RSAPublicKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String pem(RSAPublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
