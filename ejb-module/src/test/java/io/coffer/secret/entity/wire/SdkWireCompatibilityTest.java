package io.coffer.secret.entity.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.http.client.Serializer;
import com.oracle.bmc.vault.model.AdbTargetSystemDetails;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.BytesGenerationContext;
import com.oracle.bmc.vault.model.FunctionTargetSystemDetails;
import com.oracle.bmc.vault.model.PassphraseGenerationContext;
import com.oracle.bmc.vault.model.SecretExpiryRule;
import com.oracle.bmc.vault.model.SecretReuseRule;
import com.oracle.bmc.vault.model.SshKeyGenerationContext;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import io.coffer.secret.entity.TargetSystemDetails;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coffer's JSON against the contract itself: what Coffer answers (written with JSON-B, as the container does) must
 * read back through the OCI SDK's own serializer into the SDK's model, and what the SDK sends must read into Coffer's
 * request records.
 */
class SdkWireCompatibilityTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:13:29.468Z");
    private static final String ID = "ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa";
    private static final String ADB = "ocid1.autonomousdatabase.oc1.coffer.aaaaaaaaaaaa";
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Serializer SDK = Serializer.getDefault();

    private static Secret fullSecret() {
        Secret secret = new Secret(
                ID,
                "ocid1.tenancy.oc1.coffer.aaaaaaaaaaaa",
                "ocid1.compartment.oc1.coffer.bbbbbbbbbb",
                "ocid1.vault.oc1.coffer.aaaaaaaaaaaa",
                "ocid1.key.oc1.coffer.aaaaaaaaaaaa",
                "db-password",
                T0);
        secret.activate();
        secret.describe("the database password");
        secret.tag(ResourceTags.of(
                "a secret", Map.of("Department", "Finance"), Map.of("Operations", Map.of("CostCenter", "42"))));
        secret.applyRules(List.of(SecretRule.expiry("P30D", "2027-01-01T00:00:00.000Z", true), SecretRule.reuse(true)));
        secret.rotation()
                .configure(
                        new RotationConfig("P30D", new TargetSystemDetails("ADB", ADB, null), true),
                        T0.plus(Duration.ofDays(30)));
        secret.rotation()
                .configureGeneration(
                        SecretGenerationContext.passphrase("DBAAS_DEFAULT_PASSWORD", 30)
                                .withSecretTemplate("{\"password\": \"%GENERATED_PASSPHRASE%\"}"),
                        true);
        secret.allocateVersionNumber();
        secret.makeCurrent(1, T0.plus(Duration.ofDays(30)));
        secret.rotation().rotated(T0, T0.plus(Duration.ofDays(30)));
        return secret;
    }

    @Test
    void theSdkReadsASecretAsCofferWritesIt() throws Exception {
        String json = JSONB.toJson(SecretJson.of(fullSecret(), Map.of("endpoint", "db.example:1521")));
        assertThat(json)
                .contains(
                        "\"isAutoGenerationEnabled\":true",
                        "\"isReplica\":false",
                        "\"isSecretContentRetrievalBlockedOnExpiry\":true",
                        "\"isScheduledRotationEnabled\":true",
                        "\"timeCreated\":\"2026-11-25T02:13:29.468Z\"")
                .doesNotContain("null", "lifecycleDetails", "timeOfDeletion");

        com.oracle.bmc.vault.model.Secret read = SDK.readValue(json, com.oracle.bmc.vault.model.Secret.class);
        assertThat(read.getId()).isEqualTo(ID);
        assertThat(read.getSecretName()).isEqualTo("db-password");
        assertThat(read.getLifecycleState()).isEqualTo(com.oracle.bmc.vault.model.Secret.LifecycleState.Active);
        assertThat(read.getCurrentVersionNumber()).isEqualTo(1L);
        assertThat(read.getTimeCreated()).isEqualTo(Date.from(T0));
        assertThat(read.getTimeOfCurrentVersionExpiry()).isEqualTo(Date.from(T0.plus(Duration.ofDays(30))));
        assertThat(read.getLastRotationTime()).isEqualTo(Date.from(T0));
        assertThat(read.getNextRotationTime()).isEqualTo(Date.from(T0.plus(Duration.ofDays(30))));
        assertThat(read.getRotationStatus()).isEqualTo(com.oracle.bmc.vault.model.Secret.RotationStatus.Scheduled);
        assertThat(read.getIsAutoGenerationEnabled()).isTrue();
        assertThat(read.getIsReplica()).isFalse();
        assertThat(read.getFreeformTags()).containsEntry("Department", "Finance");
        assertThat(read.getDefinedTags().get("Operations")).containsEntry("CostCenter", "42");
        assertThat(read.getMetadata()).containsEntry("endpoint", "db.example:1521");
        assertThat(read.getSecretRules()).hasSize(2);
        SecretExpiryRule expiry = (SecretExpiryRule) read.getSecretRules().get(0);
        assertThat(expiry.getSecretVersionExpiryInterval()).isEqualTo("P30D");
        assertThat(expiry.getTimeOfAbsoluteExpiry()).isEqualTo(Date.from(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(expiry.getIsSecretContentRetrievalBlockedOnExpiry()).isTrue();
        assertThat(((SecretReuseRule) read.getSecretRules().get(1)).getIsEnforcedOnDeletedSecretVersions())
                .isTrue();
        assertThat(read.getRotationConfig().getRotationInterval()).isEqualTo("P30D");
        assertThat(read.getRotationConfig().getIsScheduledRotationEnabled()).isTrue();
        assertThat(((AdbTargetSystemDetails) read.getRotationConfig().getTargetSystemDetails()).getAdbId())
                .isEqualTo(ADB);
        PassphraseGenerationContext generation = (PassphraseGenerationContext) read.getSecretGenerationContext();
        assertThat(generation.getGenerationTemplate())
                .isEqualTo(PassphraseGenerationContext.GenerationTemplate.DbaasDefaultPassword);
        assertThat(generation.getPassphraseLength()).isEqualTo(30);
        assertThat(generation.getSecretTemplate()).isEqualTo("{\"password\": \"%GENERATED_PASSPHRASE%\"}");
    }

    @Test
    void theSdkReadsASecretSummary() throws Exception {
        Secret secret = fullSecret();
        secret.scheduleDeletion(T0.plus(Duration.ofDays(10)));
        com.oracle.bmc.vault.model.SecretSummary read =
                SDK.readValue(JSONB.toJson(SecretJson.summary(secret)), com.oracle.bmc.vault.model.SecretSummary.class);
        assertThat(read.getId()).isEqualTo(ID);
        assertThat(read.getLifecycleState())
                .isEqualTo(com.oracle.bmc.vault.model.SecretSummary.LifecycleState.PendingDeletion);
        assertThat(read.getTimeOfDeletion()).isEqualTo(Date.from(T0.plus(Duration.ofDays(10))));
        assertThat(read.getSecretGenerationContext()).isInstanceOf(PassphraseGenerationContext.class);
        assertThat(read.getVaultId()).isEqualTo("ocid1.vault.oc1.coffer.aaaaaaaaaaaa");
    }

    @Test
    void theSdkReadsVersionsAndTheirExpiryUnderEachOfItsNames() throws Exception {
        SecretVersion version =
                new SecretVersion(ID, 2, "second", T0, true, new SealedContent(new byte[] {1}, "kv", null));
        version.addStage(Stage.PENDING);
        version.addStage(Stage.LATEST);
        version.expireAt(T0.plus(Duration.ofDays(3)));
        version.scheduleDeletion(T0.plus(Duration.ofDays(5)));

        com.oracle.bmc.vault.model.SecretVersion full = SDK.readValue(
                JSONB.toJson(SecretVersionJson.of(version)), com.oracle.bmc.vault.model.SecretVersion.class);
        assertThat(full.getVersionNumber()).isEqualTo(2L);
        assertThat(full.getName()).isEqualTo("second");
        assertThat(full.getSecretId()).isEqualTo(ID);
        assertThat(full.getContentType()).isEqualTo(com.oracle.bmc.vault.model.SecretVersion.ContentType.Base64);
        assertThat(full.getStages())
                .containsExactly(
                        com.oracle.bmc.vault.model.SecretVersion.Stages.Pending,
                        com.oracle.bmc.vault.model.SecretVersion.Stages.Latest);
        assertThat(full.getTimeOfCurrentVersionExpiry()).isEqualTo(Date.from(T0.plus(Duration.ofDays(3))));
        assertThat(full.getTimeOfDeletion()).isEqualTo(Date.from(T0.plus(Duration.ofDays(5))));
        assertThat(full.getIsContentAutoGenerated()).isTrue();

        com.oracle.bmc.vault.model.SecretVersionSummary summary = SDK.readValue(
                JSONB.toJson(SecretVersionJson.summary(version)),
                com.oracle.bmc.vault.model.SecretVersionSummary.class);
        assertThat(summary.getTimeOfExpiry()).isEqualTo(Date.from(T0.plus(Duration.ofDays(3))));
        assertThat(summary.getStages()).hasSize(2);
        assertThat(summary.getTimeCreated()).isEqualTo(Date.from(T0));
    }

    @Test
    void cofferReadsCreateSecretDetailsAsTheSdkSendsThem() throws Exception {
        com.oracle.bmc.vault.model.CreateSecretDetails sent = com.oracle.bmc.vault.model.CreateSecretDetails.builder()
                .compartmentId("ocid1.compartment.oc1.coffer.bbbbbbbbbb")
                .vaultId("ocid1.vault.oc1.coffer.aaaaaaaaaaaa")
                .keyId("ocid1.key.oc1.coffer.aaaaaaaaaaaa")
                .secretName("api-key")
                .description("d")
                .freeformTags(Map.of("a", "b"))
                .definedTags(Map.of("ns", Map.of("k", "v")))
                .metadata(Map.of("url", "https://example"))
                .secretContent(Base64SecretContentDetails.builder()
                        .content("aGVsbG8=")
                        .name("v1")
                        .stage(com.oracle.bmc.vault.model.SecretContentDetails.Stage.Current)
                        .build())
                .secretRules(List.of(
                        SecretExpiryRule.builder()
                                .secretVersionExpiryInterval("P10D")
                                .timeOfAbsoluteExpiry(Date.from(Instant.parse("2027-02-01T10:00:00Z")))
                                .isSecretContentRetrievalBlockedOnExpiry(true)
                                .build(),
                        SecretReuseRule.builder()
                                .isEnforcedOnDeletedSecretVersions(false)
                                .build()))
                .rotationConfig(com.oracle.bmc.vault.model.RotationConfig.builder()
                        .rotationInterval("P7D")
                        .isScheduledRotationEnabled(false)
                        .targetSystemDetails(FunctionTargetSystemDetails.builder()
                                .functionId("ocid1.fnfunc.oc1.coffer.aaaaaaaaaaaa")
                                .build())
                        .build())
                .secretGenerationContext(BytesGenerationContext.builder()
                        .generationTemplate(BytesGenerationContext.GenerationTemplate.Bytes1024)
                        .build())
                .enableAutoGeneration(false)
                .build();
        CreateSecretDetails read = JSONB.fromJson(SDK.writeValueAsString(sent), CreateSecretDetails.class);
        assertThat(read.secretName()).isEqualTo("api-key");
        assertThat(read.compartmentId()).isEqualTo("ocid1.compartment.oc1.coffer.bbbbbbbbbb");
        assertThat(read.freeformTags()).containsEntry("a", "b");
        assertThat(read.definedTags().get("ns")).containsEntry("k", "v");
        assertThat(read.metadata()).containsEntry("url", "https://example");
        assertThat(read.secretContent()).isEqualTo(new SecretContentDetails("BASE64", "aGVsbG8=", "v1", "CURRENT"));
        assertThat(read.secretRules())
                .containsExactly(
                        new SecretRule("SECRET_EXPIRY_RULE", "P10D", "2027-02-01T10:00:00.000Z", true, null),
                        new SecretRule("SECRET_REUSE_RULE", null, null, null, false));
        assertThat(read.rotationConfig())
                .isEqualTo(new RotationConfig(
                        "P7D",
                        new TargetSystemDetails("FUNCTION", null, "ocid1.fnfunc.oc1.coffer.aaaaaaaaaaaa"),
                        false));
        assertThat(read.secretGenerationContext())
                .isEqualTo(new SecretGenerationContext("BYTES", "BYTES_1024", null, null));
        assertThat(read.enableAutoGeneration()).isFalse();
        assertThat(read.replicationConfig()).isNull();
    }

    @Test
    void cofferReadsTheOtherRequestBodiesAsTheSdkSendsThem() throws Exception {
        com.oracle.bmc.vault.model.UpdateSecretDetails update = com.oracle.bmc.vault.model.UpdateSecretDetails.builder()
                .secretContent(Base64SecretContentDetails.builder()
                        .content("d29ybGQ=")
                        .stage(com.oracle.bmc.vault.model.SecretContentDetails.Stage.Pending)
                        .build())
                .secretGenerationContext(SshKeyGenerationContext.builder()
                        .generationTemplate(SshKeyGenerationContext.GenerationTemplate.Rsa3072)
                        .build())
                .enableAutoGeneration(true)
                .build();
        UpdateSecretDetails readUpdate = JSONB.fromJson(SDK.writeValueAsString(update), UpdateSecretDetails.class);
        assertThat(readUpdate.secretContent())
                .isEqualTo(new SecretContentDetails("BASE64", "d29ybGQ=", null, "PENDING"));
        assertThat(readUpdate.secretGenerationContext()).isEqualTo(SecretGenerationContext.sshKey("RSA_3072"));
        assertThat(readUpdate.currentVersionNumber()).isNull();
        assertThat(JSONB.fromJson(
                                SDK.writeValueAsString(com.oracle.bmc.vault.model.UpdateSecretDetails.builder()
                                        .currentVersionNumber(4L)
                                        .build()),
                                UpdateSecretDetails.class)
                        .currentVersionNumber())
                .isEqualTo(4L);

        String when = SDK.writeValueAsString(com.oracle.bmc.vault.model.ScheduleSecretDeletionDetails.builder()
                .timeOfDeletion(Date.from(T0))
                .build());
        assertThat(Rfc3339.parse(
                        "timeOfDeletion",
                        JSONB.fromJson(when, ScheduleSecretDeletionDetails.class)
                                .timeOfDeletion()))
                .isEqualTo(T0);
        String versionWhen =
                SDK.writeValueAsString(com.oracle.bmc.vault.model.ScheduleSecretVersionDeletionDetails.builder()
                        .timeOfDeletion(Date.from(T0))
                        .build());
        assertThat(Rfc3339.parse(
                        "timeOfDeletion",
                        JSONB.fromJson(versionWhen, ScheduleSecretVersionDeletionDetails.class)
                                .timeOfDeletion()))
                .isEqualTo(T0);
        String move = SDK.writeValueAsString(com.oracle.bmc.vault.model.ChangeSecretCompartmentDetails.builder()
                .compartmentId("ocid1.compartment.oc1.coffer.cccccccccc")
                .build());
        assertThat(JSONB.fromJson(move, ChangeSecretCompartmentDetails.class).compartmentId())
                .isEqualTo("ocid1.compartment.oc1.coffer.cccccccccc");
    }

    @Test
    void unknownPropertiesAreIgnoredAndReplicationIsCapturedToBeRefused() {
        CreateSecretDetails read = JSONB.fromJson(
                "{\"secretName\":\"x\",\"someFutureField\":{\"a\":1},"
                        + "\"replicationConfig\":{\"replicationTargets\":[]}}",
                CreateSecretDetails.class);
        assertThat(read.secretName()).isEqualTo("x");
        assertThat(read.replicationConfig()).isNotNull();
    }
}
