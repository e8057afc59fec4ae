package io.coffer.identity.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.NotAuthenticatedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies OCI HTTP signatures (draft-cavage HTTP signatures as OCI profiles them) exactly as the OCI SDKs produce
 * them: {@code Authorization: Signature version="1",keyId="<tenancy>/<user>/<fingerprint>",algorithm="rsa-sha256",
 * headers="date (request-target) host ...",signature="<base64>"}. The signing string is every listed header as
 * {@code name: value}, joined by newlines, {@code (request-target)} being the lower-case method and the raw target.
 *
 * <p>Required: {@code date} (or {@code x-date}), {@code (request-target)} and {@code host} on every request; also
 * {@code content-length}, {@code content-type} and {@code x-content-sha256} on POST, PUT and PATCH, where the body
 * must hash to {@code x-content-sha256} and have that length. The date must be within five minutes of now.
 */
public final class SignatureVerifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Set<String> WITH_BODY = Set.of("post", "put", "patch");

    /**
     * One SHA256withRSA verifier per thread: looking the algorithm up costs more than the check of a short signing
     * string. {@code initVerify} resets it for every request, so nothing of one request's result reaches the next.
     */
    private static final ThreadLocal<Signature> VERIFIERS = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    });

    /** The principal a key id names, once its key is found. */
    public record KeyId(String tenancyId, String userId, String fingerprint) {}

    private final Clock clock;
    private final Function<KeyId, Optional<PublicKey>> keys;

    /** @param keys finds the active public key of a key id (empty when there is none) */
    public SignatureVerifier(Clock clock, Function<KeyId, Optional<PublicKey>> keys) {
        this.clock = clock;
        this.keys = keys;
    }

    /** @return the key id whose key signed the request */
    public KeyId verify(SignedRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw refused("the request is not signed: send an OCI signature in the Authorization header");
        }
        Map<String, String> parameters = parameters(authorization);
        if (!"1".equals(parameters.getOrDefault("version", "1"))) {
            throw refused("signature version " + parameters.get("version") + " is not supported; use version=\"1\"");
        }
        if (!"rsa-sha256".equalsIgnoreCase(parameters.getOrDefault("algorithm", ""))) {
            throw refused("the signature algorithm must be rsa-sha256");
        }
        KeyId keyId = keyId(parameters.get("keyid"));
        List<String> signed = signedHeaders(parameters.get("headers"));
        String method = request.method().toLowerCase(Locale.ROOT);
        requireSigned(signed, method);
        checkDate(request, signed);
        if (WITH_BODY.contains(method)) {
            checkBody(request);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(parameters.getOrDefault("signature", ""));
        } catch (IllegalArgumentException notBase64) {
            throw refused("the signature is not base64");
        }
        PublicKey key = keys.apply(keyId)
                .orElseThrow(() -> refused("the signature does not verify with the key "
                        + "the keyId names (check the tenancy, user and fingerprint, and that the key is registered)"));
        if (!verifies(key, signingString(request, signed, method), signature)) {
            throw refused("the signature does not verify with the key the keyId names (check the tenancy, user and "
                    + "fingerprint, and that the private key matches)");
        }
        return keyId;
    }

    /**
     * The tenancy an {@code Authorization} header's keyId names, unverified (empty when there is none or the header is
     * malformed). Good only for refusing early, never for admitting.
     */
    public static Optional<String> claimedTenancy(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(keyId(parameters(authorization).get("keyid")).tenancyId());
        } catch (CofferException malformed) {
            return Optional.empty();
        }
    }

    static String signingString(SignedRequest request, List<String> signed, String method) {
        List<String> lines = new ArrayList<>(signed.size());
        for (String name : signed) {
            if (name.equals("(request-target)")) {
                lines.add("(request-target): " + method + " " + request.requestTarget());
            } else {
                String value = request.header(name);
                if (value == null) {
                    throw refused("the signature covers header '" + name + "', which the request does not carry");
                }
                lines.add(name + ": " + value.trim());
            }
        }
        return String.join("\n", lines);
    }

    private void checkDate(SignedRequest request, List<String> signed) {
        String header = signed.contains("date") ? "date" : "x-date";
        String value = request.header(header);
        if (value == null) {
            throw refused("the request has no " + header + " header");
        }
        Instant date;
        try {
            date = HttpDates.parse(value.trim());
        } catch (DateTimeParseException malformed) {
            throw refused("the " + header + " header must be an RFC 1123 date such as Tue, 25 Nov 2026 03:00:00 GMT");
        }
        Duration skew = Duration.between(date, clock.instant()).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            throw refused("the request's " + header + " is " + skew.toSeconds()
                    + " s away from the server's time; it must" + " be within " + MAX_SKEW.toMinutes()
                    + " minutes (check the client's clock, then sign again)");
        }
    }

    private static void checkBody(SignedRequest request) {
        String declared = request.header("x-content-sha256");
        String actual = Base64.getEncoder().encodeToString(sha256(request.body()));
        if (declared == null
                || !MessageDigest.isEqual(
                        declared.trim().getBytes(StandardCharsets.US_ASCII),
                        actual.getBytes(StandardCharsets.US_ASCII))) {
            throw refused("x-content-sha256 does not match the body that arrived");
        }
        String length = request.header("content-length");
        if (length == null || !length.trim().equals(Integer.toString(request.body().length))) {
            throw refused("content-length does not match the body that arrived");
        }
    }

    private static void requireSigned(List<String> signed, String method) {
        List<String> required = new ArrayList<>(List.of("(request-target)", "host"));
        if (WITH_BODY.contains(method)) {
            required.addAll(List.of("content-length", "content-type", "x-content-sha256"));
        }
        for (String name : required) {
            if (!signed.contains(name)) {
                throw refused("the signature must cover the '" + name + "' header for a "
                        + method.toUpperCase(Locale.ROOT) + " request");
            }
        }
        if (!signed.contains("date") && !signed.contains("x-date")) {
            throw refused("the signature must cover the 'date' (or 'x-date') header");
        }
    }

    private static List<String> signedHeaders(String headers) {
        if (headers == null || headers.isBlank()) {
            return List.of("date");
        }
        return Arrays.stream(headers.trim().toLowerCase(Locale.ROOT).split("\\s+"))
                .toList();
    }

    private static KeyId keyId(String keyId) {
        if (keyId == null) {
            throw refused("the signature has no keyId");
        }
        String[] parts = keyId.split("/");
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw refused("keyId must be <tenancy OCID>/<user OCID>/<key fingerprint>");
        }
        return new KeyId(parts[0], parts[1], parts[2]);
    }

    /** {@code Signature a="1",b="two"}: the quoted parameters by lower-case name. */
    static Map<String, String> parameters(String authorization) {
        String text = authorization.trim();
        if (!text.regionMatches(true, 0, "Signature ", 0, 10)) {
            throw refused("the Authorization header must use the Signature scheme");
        }
        Map<String, String> parameters = new HashMap<>();
        int at = 10;
        while (at < text.length()) {
            while (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == ' ')) {
                at++;
            }
            int equals = text.indexOf('=', at);
            if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                throw refused("the Authorization header is malformed");
            }
            int close = text.indexOf('"', equals + 2);
            if (close < 0) {
                throw refused("the Authorization header is malformed");
            }
            parameters.put(
                    text.substring(at, equals).trim().toLowerCase(Locale.ROOT), text.substring(equals + 2, close));
            at = close + 1;
        }
        return parameters;
    }

    private static boolean verifies(PublicKey key, String signingString, byte[] signature) {
        try {
            Signature verifier = VERIFIERS.get();
            verifier.initVerify(key);
            verifier.update(signingString.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException invalid) {
            return false;
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static CofferException refused(String message) {
        return new NotAuthenticatedException(message);
    }
}
