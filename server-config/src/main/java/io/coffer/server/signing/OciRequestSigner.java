package io.coffer.server.signing;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Signs requests the way the OCI SDKs do (OCI HTTP signatures, rsa-sha256), with the JDK alone, for the CLI and the
 * test harness talking to Coffer's admin API as the operator. Reads an OCI SDK config file (profile DEFAULT).
 */
public final class OciRequestSigner {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String keyId;
    private final PrivateKey key;

    public OciRequestSigner(String tenancyId, String userId, String fingerprint, PrivateKey key) {
        this.keyId = tenancyId + "/" + userId + "/" + fingerprint;
        this.key = key;
    }

    /** The signer of the principal an OCI SDK config file describes (profile DEFAULT). */
    public static OciRequestSigner fromConfig(Path config) throws IOException {
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(config)) {
            profile.load(in);
        }
        String keyFile = profile.getProperty("key_file");
        if (keyFile == null) {
            throw new IOException(config + " names no key_file");
        }
        return new OciRequestSigner(
                profile.getProperty("tenancy"),
                profile.getProperty("user"),
                profile.getProperty("fingerprint"),
                privateKey(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII)));
    }

    /**
     * The headers to send with the request: date, host, authorization, and for a body its content type, length and
     * SHA-256.
     */
    public Map<String, String> sign(String method, URI uri, byte[] body) {
        return sign(method, uri, body, ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** Signs as of the given date (tests use it to sign stale requests). */
    public Map<String, String> sign(String method, URI uri, byte[] body, ZonedDateTime date) {
        String lowerMethod = method.toLowerCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("date", DATE.format(date));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        headers.put("(request-target)", lowerMethod + " " + target);
        headers.put("host", uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        if (lowerMethod.equals("post") || lowerMethod.equals("put") || lowerMethod.equals("patch")) {
            byte[] content = body == null ? new byte[0] : body;
            headers.put("content-length", Integer.toString(content.length));
            headers.put("content-type", "application/json");
            headers.put("x-content-sha256", Base64.getEncoder().encodeToString(sha256(content)));
        }
        StringBuilder signing = new StringBuilder();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            signing.append(signing.length() == 0 ? "" : "\n")
                    .append(header.getKey())
                    .append(": ")
                    .append(header.getValue());
        }
        String signature = Base64.getEncoder().encodeToString(rsaSha256(signing.toString()));
        headers.remove("(request-target)");
        headers.remove("host");
        headers.remove("content-length");
        String signed = String.join(" ", new String[] {"date", "(request-target)", "host"})
                + (headers.containsKey("x-content-sha256") ? " content-length content-type x-content-sha256" : "");
        headers.put(
                "authorization",
                "Signature version=\"1\",keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\"" + signed
                        + "\",signature=\"" + signature + "\"");
        return headers;
    }

    private byte[] rsaSha256(String signingString) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingString.getBytes(StandardCharsets.UTF_8));
            return signer.sign();
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("signing failed", failure);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static PrivateKey privateKey(String pem) throws IOException {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException notPkcs8) {
            throw new IOException("the key file is not a PKCS#8 RSA private key (BEGIN PRIVATE KEY)", notPkcs8);
        }
    }
}
