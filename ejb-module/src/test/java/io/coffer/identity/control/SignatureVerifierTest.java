package io.coffer.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests signed by the real OCI SDK signer (oci-java-sdk-common 3.79.0) against Coffer's verifier: what the SDK
 * sends must verify; anything altered, stale or unknown must not.
 */
class SignatureVerifierTest {

    private static final String TENANCY = "ocid1.tenancy.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String USER = "ocid1.user.oc1.coffer.bbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static KeyPair keys;
    private static String fingerprint;
    private static RequestSigner signer;

    @BeforeAll
    static void sdkSigner() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        fingerprint = PublicKeys.fingerprint((RSAPublicKey) keys.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        signer = DefaultRequestSigner.createRequestSigner(SimpleAuthenticationDetailsProvider.builder()
                .tenantId(TENANCY)
                .userId(USER)
                .fingerprint(fingerprint)
                .privateKeySupplier(() -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .build());
    }

    @Test
    void aGetSignedByTheSdkVerifies() {
        SignedRequest request =
                signed("GET", "http://127.0.0.1:8080/20180608/secrets?compartmentId=" + TENANCY + "&limit=10", null);
        assertThat(verifier(Clock.systemUTC()).verify(request))
                .isEqualTo(new SignatureVerifier.KeyId(TENANCY, USER, fingerprint));
    }

    @Test
    void postsWithAndWithoutABodyVerify() {
        verifier(Clock.systemUTC())
                .verify(signed("POST", "http://127.0.0.1:8080/20180608/secrets", "{\"secretName\":\"a\"}"));
        verifier(Clock.systemUTC())
                .verify(signed("POST", "http://127.0.0.1:8080/20180608/secrets/x/actions/cancelDeletion", ""));
        verifier(Clock.systemUTC())
                .verify(signed("PUT", "http://127.0.0.1:8080/20180608/vaults/v", "{\"displayName\":\"b\"}"));
    }

    @Test
    void anEncodedPathAndQueryVerifyAsSent() {
        verifier(Clock.systemUTC())
                .verify(signed(
                        "GET",
                        "http://127.0.0.1:8080/20190301/secretbundles/ocid1.vaultsecret.oc1..x?secretVersionName=v%201&stage=CURRENT",
                        null));
    }

    @Test
    void aTamperedBodyIsRefused() {
        SignedRequest request = signed("POST", "http://127.0.0.1:8080/20180608/secrets", "{\"secretName\":\"a\"}");
        SignedRequest tampered = new SignedRequest(
                request.method(),
                request.requestTarget(),
                request.headers(),
                "{\"secretName\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(tampered, "x-content-sha256 does not match");
    }

    @Test
    void aWrongBodyHashIsRefusedEvenWhenSigned() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("x-content-sha256", List.of(Base64.getEncoder().encodeToString(new byte[32])));
        headers.put("content-type", List.of("application/json"));
        assertRefused(
                signed("POST", "http://127.0.0.1:8080/20180608/secrets", "{}", headers),
                "x-content-sha256 does not match");
    }

    @Test
    void aStaleOrFutureDateIsRefusedAndTheWindowIsFiveMinutes() {
        SignedRequest request = signed("GET", "http://127.0.0.1:8080/20180608/vaults/v", null);
        Instant signedAt = ZonedDateTime.parse(request.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        verifier(Clock.fixed(signedAt.plus(Duration.ofMinutes(4)), ZoneOffset.UTC))
                .verify(request);
        verifier(Clock.fixed(signedAt.minus(Duration.ofMinutes(4)), ZoneOffset.UTC))
                .verify(request);
        assertRefused(
                verifier(Clock.fixed(signedAt.plus(Duration.ofMinutes(6)), ZoneOffset.UTC)),
                request,
                "away from the server's time");
        assertRefused(
                verifier(Clock.fixed(signedAt.minus(Duration.ofMinutes(6)), ZoneOffset.UTC)),
                request,
                "away from the server's time");
    }

    @Test
    void anUnknownKeyOrAWrongUserIsRefusedWithoutSayingWhich() {
        SignedRequest request = signed("GET", "http://127.0.0.1:8080/20180608/vaults/v", null);
        SignatureVerifier noKeys = new SignatureVerifier(Clock.systemUTC(), keyId -> Optional.empty());
        assertThatThrownBy(() -> noKeys.verify(request)).isInstanceOfSatisfying(CofferException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
            assertThat(refused.getMessage()).doesNotContain("unknown user").doesNotContain("no such");
        });
        SignatureVerifier otherKey = new SignatureVerifier(Clock.systemUTC(), keyId -> Optional.of(anotherKey()));
        assertRefused(otherKey, request, "does not verify");
    }

    @Test
    void aChangedTargetOrHostIsRefused() {
        SignedRequest request = signed("GET", "http://127.0.0.1:8080/20180608/vaults/v", null);
        assertRefused(
                new SignedRequest("GET", "/20180608/vaults/w", request.headers(), request.body()), "does not verify");
        assertRefused(
                new SignedRequest("DELETE", request.requestTarget(), request.headers(), request.body()),
                "does not verify");
        SignedRequest otherHost = new SignedRequest(
                "GET",
                request.requestTarget(),
                name -> name.equals("host")
                        ? "127.0.0.1:9090"
                        : request.headers().apply(name),
                request.body());
        assertRefused(otherHost, "does not verify");
    }

    @Test
    void missingOrMalformedAuthorizationIsRefused() {
        SignedRequest request = signed("GET", "http://127.0.0.1:8080/20180608/vaults/v", null);
        assertRefused(without(request, "authorization"), "not signed");
        assertRefused(with(request, "authorization", "Basic dXNlcjpwYXNz"), "Signature scheme");
        assertRefused(with(request, "authorization", "Signature keyId=broken"), "malformed");
        String authorization = request.header("authorization");
        assertRefused(with(request, "authorization", authorization.replace("rsa-sha256", "hmac-sha256")), "rsa-sha256");
        assertRefused(
                with(request, "authorization", authorization.replaceAll("keyId=\"[^\"]+\"", "keyId=\"only/two\"")),
                "keyId must be");
    }

    @Test
    void aPostMustSignItsBodyHeaders() {
        SignedRequest request = signed("POST", "http://127.0.0.1:8080/20180608/secrets", "{}");
        String authorization = request.header("authorization");
        String weakened = authorization.replaceAll("headers=\"[^\"]+\"", "headers=\"date (request-target) host\"");
        assertRefused(with(request, "authorization", weakened), "must cover the 'content-length' header");
    }

    private static SignatureVerifier verifier(Clock clock) {
        PublicKey key = keys.getPublic();
        return new SignatureVerifier(
                clock,
                keyId -> keyId.userId().equals(USER) && keyId.fingerprint().equals(fingerprint)
                        ? Optional.of(key)
                        : Optional.empty());
    }

    private static void assertRefused(SignedRequest request, String message) {
        assertRefused(verifier(Clock.systemUTC()), request, message);
    }

    private static void assertRefused(SignatureVerifier verifier, SignedRequest request, String message) {
        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(CofferException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
            assertThat(refused.getMessage()).contains(message);
        });
    }

    private static SignedRequest signed(String method, String url, String body) {
        Map<String, List<String>> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", List.of("application/json"));
        }
        return signed(method, url, body, headers);
    }

    private static SignedRequest signed(String method, String url, String body, Map<String, List<String>> given) {
        URI uri = URI.create(url);
        Map<String, List<String>> headers = new HashMap<>(given);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> added = signer.signRequest(uri, method, headers, body);
        Map<String, List<String>> all = new HashMap<>(headers);
        added.forEach((name, value) -> all.put(name, List.of(value)));
        return SignedRequest.of(method, uri.getRawPath(), uri.getRawQuery(), all, bytes);
    }

    private static SignedRequest without(SignedRequest request, String header) {
        return new SignedRequest(
                request.method(),
                request.requestTarget(),
                name -> name.equals(header) ? null : request.headers().apply(name),
                request.body());
    }

    private static SignedRequest with(SignedRequest request, String header, String value) {
        return new SignedRequest(
                request.method(),
                request.requestTarget(),
                name -> name.equals(header) ? value : request.headers().apply(name),
                request.body());
    }

    private static PublicKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @SuppressWarnings("unused")
    private static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }

    @Test
    void theClaimedTenancyIsReadFromTheKeyIdWithoutVerifying() {
        assertThat(SignatureVerifier.claimedTenancy(
                        "Signature version=\"1\",keyId=\"ocid1.tenancy.x/ocid1.user.y/aa:bb\",algorithm=\"rsa-sha256\","
                                + "headers=\"date\",signature=\"not checked\""))
                .contains("ocid1.tenancy.x");
        assertThat(SignatureVerifier.claimedTenancy(null)).isEmpty();
        assertThat(SignatureVerifier.claimedTenancy("Basic abc")).isEmpty();
        assertThat(SignatureVerifier.claimedTenancy("Signature keyId=\"only-one-part\""))
                .isEmpty();
        assertThat(SignatureVerifier.claimedTenancy("Signature keyId=\"unclosed"))
                .isEmpty();
    }
}
