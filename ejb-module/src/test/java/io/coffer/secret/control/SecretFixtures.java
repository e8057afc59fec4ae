package io.coffer.secret.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.secret.entity.wire.SecretContentDetails;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared test pieces: a clock the test moves, a reversible fake sealer with keyed digests, a secret with versions. */
final class SecretFixtures {

    static final Instant T0 = Instant.parse("2026-11-25T02:13:29.468Z");
    static final String TENANCY = Ocids.newId("tenancy");
    static final String COMPARTMENT = Ocids.newId("compartment");
    static final String VAULT = Ocids.newId("vault");
    static final String KEY = Ocids.newId("key");

    private SecretFixtures() {}

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** "Encrypts" by flipping bits, so tests can open what was sealed; digests are HMAC-SHA256 under a test key. */
    static final class FakeSealer implements SecretSealer {
        final List<String> sealedFor = new ArrayList<>();

        @Override
        public SealedContent sealContent(Secret secret, long versionNumber, byte[] plaintext) {
            sealedFor.add(secret.id() + "/" + versionNumber);
            return new SealedContent(flip(plaintext), "keyversion-1", digest(secret, plaintext));
        }

        @Override
        public byte[] sealMetadata(Secret secret, byte[] metadataJson) {
            return flip(metadataJson);
        }

        static byte[] open(byte[] ciphertext) {
            return flip(ciphertext);
        }

        static String openText(byte[] ciphertext) {
            return new String(open(ciphertext), StandardCharsets.UTF_8);
        }

        static byte[] digest(Secret secret, byte[] plaintext) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(("k:" + secret.id()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(plaintext);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] flip(byte[] bytes) {
            byte[] out = bytes.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ~out[i];
            }
            return out;
        }
    }

    static PriorContentMatcher digestMatcher() {
        return PriorContentMatcher.byDigest(FakeSealer::digest);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static CreateSecretDetails createDetails(String name, String content) {
        return new CreateSecretDetails(
                COMPARTMENT,
                null,
                "a test secret",
                null,
                KEY,
                null,
                SecretContentDetails.base64(b64(content)),
                null,
                null,
                name,
                null,
                VAULT,
                null,
                null);
    }

    /** A secret and its versions as the facade would hold them after loading. */
    static final class Aggregate {
        final Secret secret;
        final List<SecretVersion> versions = new ArrayList<>();

        Aggregate(SecretCreation.NewSecret created) {
            secret = created.secret();
            versions.add(created.firstVersion());
        }

        SecretVersion version(long number) {
            return versions.stream()
                    .filter(v -> v.versionNumber() == number)
                    .findFirst()
                    .orElseThrow();
        }

        String stages(long number) {
            return version(number).stages().toString();
        }
    }

    static CofferException refusal(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(CofferException.class);
        return (CofferException) thrown;
    }

    static void assertRefused(ThrowingCallable call, ErrorCode code, String messagePart) {
        CofferException refusal = refusal(call);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.getMessage()).contains(messagePart);
    }
}
