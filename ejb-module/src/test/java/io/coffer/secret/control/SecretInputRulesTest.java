package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static io.coffer.secret.control.SecretFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretInputRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "db-password", "A.b_c-9", "x.y.z"})
    void acceptsOciSecretNames(String name) {
        assertThat(SecretInputRules.secretName(name)).isEqualTo(name);
        assertThat(SecretInputRules.secretName("n".repeat(255))).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", "ümlaut", "tab\tname", "semi;colon", "percent%"})
    void refusesNamesWithOtherCharacters(String name) {
        assertRefused(
                () -> SecretInputRules.secretName(name),
                ErrorCode.INVALID_PARAMETER,
                "secretName may contain only letters, digits, hyphens, underscores and periods");
    }

    @Test
    void refusesMissingAndOverlongNames() {
        assertRefused(() -> SecretInputRules.secretName(null), ErrorCode.MISSING_PARAMETER, "secretName is required");
        assertRefused(() -> SecretInputRules.secretName(""), ErrorCode.MISSING_PARAMETER, "secretName is required");
        assertRefused(
                () -> SecretInputRules.secretName("n".repeat(256)),
                ErrorCode.INVALID_PARAMETER,
                "secretName is longer than 255 characters");
    }

    @Test
    void versionNamesFollowTheSameRulesAndAreOptional() {
        assertThat(SecretInputRules.versionName("secretContent.name", null)).isNull();
        assertThat(SecretInputRules.versionName("secretContent.name", "v-2")).isEqualTo("v-2");
        assertRefused(
                () -> SecretInputRules.versionName("secretContent.name", "v 2"),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.name may contain only");
    }

    @Test
    void descriptionIsAtMost400CharactersWithoutControlCharacters() {
        assertThat(SecretInputRules.description(null)).isNull();
        assertThat(SecretInputRules.description("d".repeat(400))).hasSize(400);
        assertThat(SecretInputRules.description("two\nlines")).isEqualTo("two\nlines");
        assertRefused(
                () -> SecretInputRules.description("d".repeat(401)),
                ErrorCode.INVALID_PARAMETER,
                "description is longer than 400 characters");
        assertRefused(
                () -> SecretInputRules.description("bell\u0007"),
                ErrorCode.INVALID_PARAMETER,
                "description must not contain control characters");
    }

    @Test
    void identifiersMustBeOcidsOfTheRightType() {
        String vault = Ocids.newId("vault");
        String key = Ocids.newId("key");
        assertThat(SecretInputRules.compartmentId(Ocids.newId("tenancy"))).startsWith("ocid1.tenancy.");
        assertThat(SecretInputRules.compartmentId(Ocids.newId("compartment"))).startsWith("ocid1.compartment.");
        assertThat(SecretInputRules.vaultId(vault)).isEqualTo(vault);
        assertThat(SecretInputRules.keyId(key)).isEqualTo(key);
        assertRefused(
                () -> SecretInputRules.vaultId(key), ErrorCode.INVALID_PARAMETER, "vaultId is not the OCID of a vault");
        assertRefused(
                () -> SecretInputRules.keyId(vault), ErrorCode.INVALID_PARAMETER, "keyId is not the OCID of a key");
        assertRefused(
                () -> SecretInputRules.compartmentId("my-compartment"),
                ErrorCode.INVALID_PARAMETER,
                "compartmentId is not an OCID: 'my-compartment'");
        assertRefused(
                () -> SecretInputRules.compartmentId(null), ErrorCode.MISSING_PARAMETER, "compartmentId is required");
        assertRefused(() -> SecretInputRules.vaultId(" "), ErrorCode.MISSING_PARAMETER, "vaultId is required");
    }

    @Test
    void tagsWithinOciLimitsPass() {
        Map<String, String> freeform = new LinkedHashMap<>();
        for (int i = 0; i < 32; i++) {
            freeform.put("k" + i, "v");
        }
        Map<String, Object> namespace = new LinkedHashMap<>();
        for (int i = 0; i < 32; i++) {
            namespace.put("d" + i, "v");
        }
        SecretInputRules.tags(freeform, Map.of("Operations", namespace));
        SecretInputRules.tags(null, null);
        SecretInputRules.tags(Map.of("k".repeat(100), "v".repeat(256)), null);
    }

    @Test
    void tagsBeyondOciLimitsAreRefused() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("k" + i, "v");
        }
        assertRefused(
                () -> SecretInputRules.tags(tooMany, null),
                ErrorCode.INVALID_PARAMETER,
                "a secret can have at most 64 tags, not 65");
        Map<String, String> half = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            half.put("k" + i, "v");
        }
        Map<String, Object> otherHalf = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            otherHalf.put("d" + i, "v");
        }
        assertRefused(
                () -> SecretInputRules.tags(half, Map.of("ns", otherHalf)),
                ErrorCode.INVALID_PARAMETER,
                "at most 64 tags");
        assertRefused(
                () -> SecretInputRules.tags(Map.of("k".repeat(101), "v"), null),
                ErrorCode.INVALID_PARAMETER,
                "is longer than 100 characters");
        assertRefused(
                () -> SecretInputRules.tags(Map.of("k", "v".repeat(257)), null),
                ErrorCode.INVALID_PARAMETER,
                "freeformTags.k is longer than 256 characters");
        assertRefused(
                () -> SecretInputRules.tags(Map.of(" ", "v"), null),
                ErrorCode.INVALID_PARAMETER,
                "freeformTags must not have an empty key");
        assertRefused(
                () -> SecretInputRules.tags(null, Map.of("ns", Map.of("k", "v".repeat(257)))),
                ErrorCode.INVALID_PARAMETER,
                "definedTags.ns.k is longer than 256 characters");
        Map<String, String> large = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            large.put("key" + i, "v".repeat(200));
        }
        assertRefused(
                () -> SecretInputRules.tags(large, null),
                ErrorCode.INVALID_PARAMETER,
                "must total at most 5120 bytes of JSON");
    }

    @Test
    void metadataBecomesJsonBytesWithinItsBoundAndIsNeverQuoted() {
        assertThat(SecretInputRules.metadataJson(null)).isNull();
        assertThat(SecretInputRules.metadataJson(Map.of())).isNull();
        byte[] json = SecretInputRules.metadataJson(Map.of("endpoint", "db:1521"));
        assertThat(Json.createReader(new java.io.StringReader(new String(json, StandardCharsets.UTF_8)))
                        .readObject()
                        .getString("endpoint"))
                .isEqualTo("db:1521");
        String marker = "TOPSECRETMARKER".repeat(600);
        var refusal = refusal(() -> SecretInputRules.metadataJson(Map.of("connection", marker)));
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(refusal.getMessage()).isEqualTo("metadata is larger than 8192 bytes as JSON");
        assertRefused(
                () -> SecretInputRules.metadataJson(Map.of("", "x")),
                ErrorCode.INVALID_PARAMETER,
                "metadata must not have an empty key");
    }

    @Test
    void contentIsBase64OfOneTo25600Bytes() {
        assertThat(SecretInputRules.decodeContent("secretContent.content", "aGVsbG8="))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("hello");
        assertThat(SecretInputRules.decodeContent("secretContent.content", "aGVsbG8"))
                .hasSize(5);
        byte[] max = new byte[25 * 1024];
        assertThat(SecretInputRules.decodeContent("c", Base64.getEncoder().encodeToString(max)))
                .hasSize(25_600);
        assertRefused(
                () -> SecretInputRules.decodeContent(
                        "secretContent.content", Base64.getEncoder().encodeToString(new byte[25_601])),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.content is larger than 25600 bytes (25 KB) once decoded");
        assertRefused(
                () -> SecretInputRules.decodeContent("c", "A".repeat(10_000_000)),
                ErrorCode.INVALID_PARAMETER,
                "larger than 25600 bytes");
        assertRefused(
                () -> SecretInputRules.decodeContent("secretContent.content", ""),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.content must not be empty");
        assertRefused(
                () -> SecretInputRules.decodeContent("secretContent.content", null),
                ErrorCode.MISSING_PARAMETER,
                "secretContent.content is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "aGVs\nbG8=", "aGVsbG8=extra", "%%%%"})
    void refusesContentThatIsNotBase64WithoutQuotingIt(String content) {
        var refusal = refusal(() -> SecretInputRules.decodeContent("secretContent.content", content));
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(refusal.getMessage()).isEqualTo("secretContent.content is not valid base64");
    }

    @Test
    void replicationAndBadVersionNumbersAreRefused() {
        SecretInputRules.noReplication(null);
        assertRefused(
                () -> SecretInputRules.noReplication(Json.createObjectBuilder().build()),
                ErrorCode.INVALID_PARAMETER,
                "cross-region secret replication is not supported");
        assertThat(SecretInputRules.versionNumber("n", 3L)).isEqualTo(3);
        assertRefused(
                () -> SecretInputRules.versionNumber("currentVersionNumber", 0L),
                ErrorCode.INVALID_PARAMETER,
                "currentVersionNumber must be a positive version number, not 0");
        assertRefused(() -> SecretInputRules.versionNumber("n", null), ErrorCode.MISSING_PARAMETER, "n is required");
    }
}
