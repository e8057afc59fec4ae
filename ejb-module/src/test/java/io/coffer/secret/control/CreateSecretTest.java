package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.COMPARTMENT;
import static io.coffer.secret.control.SecretFixtures.KEY;
import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.TENANCY;
import static io.coffer.secret.control.SecretFixtures.VAULT;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static io.coffer.secret.control.SecretFixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.control.SecretFixtures.FakeSealer;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.secret.entity.wire.SecretContentDetails;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CreateSecretTest extends LifecycleTestBase {

    private static CreateSecretDetails details(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** A CreateSecretDetails to vary one field at a time. */
    static final class Builder {
        String compartmentId = COMPARTMENT;
        Map<String, Map<String, Object>> definedTags;
        String description = "payments database";
        Map<String, String> freeformTags;
        String keyId = KEY;
        Map<String, Object> metadata;
        SecretContentDetails secretContent = SecretContentDetails.base64(b64("s3cr3t"));
        jakarta.json.JsonObject replicationConfig;
        RotationConfig rotationConfig;
        String secretName = "db-password";
        List<SecretRule> secretRules;
        String vaultId = VAULT;
        SecretGenerationContext generation;
        Boolean enableAutoGeneration;

        Builder with(java.util.function.Consumer<Builder> change) {
            change.accept(this);
            return this;
        }

        CreateSecretDetails build() {
            return new CreateSecretDetails(
                    compartmentId,
                    definedTags,
                    description,
                    freeformTags,
                    keyId,
                    metadata,
                    secretContent,
                    replicationConfig,
                    rotationConfig,
                    secretName,
                    secretRules,
                    vaultId,
                    generation,
                    enableAutoGeneration);
        }
    }

    private SecretCreation.NewSecret create(CreateSecretDetails details, List<Secret> namesakes) {
        return creation.create(TENANCY, details, namesakes, sealer);
    }

    @Test
    void createsACreatingSecretWithItsFirstVersionCurrentAndLatest() {
        SecretCreation.NewSecret created = create(
                details(b -> b.with(x -> {
                    x.freeformTags = Map.of("team", "payments");
                    x.definedTags = Map.of("Operations", Map.of("CostCenter", "42"));
                    x.metadata = Map.of("endpoint", "db.example:1521");
                    x.secretContent = new SecretContentDetails("BASE64", b64("s3cr3t"), "initial", null);
                })),
                List.of());
        Secret secret = created.secret();
        SecretVersion first = created.firstVersion();
        assertThat(Ocids.isOfType(secret.id(), "vaultsecret")).isTrue();
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.CREATING);
        assertThat(secret.tenancyId()).isEqualTo(TENANCY);
        assertThat(secret.compartmentId()).isEqualTo(COMPARTMENT);
        assertThat(secret.vaultId()).isEqualTo(VAULT);
        assertThat(secret.keyId()).isEqualTo(KEY);
        assertThat(secret.name()).isEqualTo("db-password");
        assertThat(secret.description()).isEqualTo("payments database");
        assertThat(secret.tags().freeform()).containsEntry("team", "payments");
        assertThat(secret.timeCreated()).isEqualTo(T0);
        assertThat(secret.currentVersionNumber()).isEqualTo(1);
        assertThat(secret.latestVersionNumber()).isEqualTo(1);
        assertThat(secret.timeOfCurrentVersionExpiry()).isNull();
        assertThat(FakeSealer.openText(secret.encryptedMetadata())).isEqualTo("{\"endpoint\":\"db.example:1521\"}");
        assertThat(new String(secret.encryptedMetadata(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("db.example");

        assertThat(first.id()).isEqualTo(secret.id() + "/1");
        assertThat(first.versionNumber()).isEqualTo(1);
        assertThat(first.name()).isEqualTo("initial");
        assertThat(first.stages()).containsExactly(Stage.CURRENT, Stage.LATEST);
        assertThat(first.contentAutoGenerated()).isFalse();
        assertThat(opened(first)).isEqualTo("s3cr3t");
        assertThat(first.keyVersionId()).isEqualTo("keyversion-1");
        assertThat(sealer.sealedFor).containsExactly(secret.id() + "/1");
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertRefused(
                () -> create(details(b -> b.with(x -> x.compartmentId = null)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "compartmentId is required");
        assertRefused(
                () -> create(details(b -> b.with(x -> x.vaultId = null)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "vaultId is required");
        assertRefused(
                () -> create(details(b -> b.with(x -> x.keyId = null)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "keyId is required");
        assertRefused(
                () -> create(details(b -> b.with(x -> x.secretName = null)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "secretName is required");
        assertRefused(
                () -> create(details(b -> b.with(x -> x.secretContent = null)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "secretContent is required");
        assertRefused(
                () -> create(
                        details(b ->
                                b.with(x -> x.secretContent = new SecretContentDetails("BASE64", null, null, null))),
                        List.of()),
                ErrorCode.MISSING_PARAMETER,
                "secretContent.content is required");
        assertRefused(
                () -> create(
                        details(b ->
                                b.with(x -> x.secretContent = new SecretContentDetails(null, b64("x"), null, null))),
                        List.of()),
                ErrorCode.MISSING_PARAMETER,
                "secretContent.contentType is required");
        assertRefused(() -> create(null, List.of()), ErrorCode.MISSING_PARAMETER, "CreateSecretDetails is required");
        assertThat(sealer.sealedFor).isEmpty();
    }

    @Test
    void badFieldsAreRefusedAndNothingIsSealed() {
        assertRefused(
                () -> create(details(b -> b.with(x -> x.secretName = "db password")), List.of()),
                ErrorCode.INVALID_PARAMETER,
                "secretName may contain only");
        assertRefused(
                () -> create(details(b -> b.with(x -> x.vaultId = KEY)), List.of()),
                ErrorCode.INVALID_PARAMETER,
                "vaultId is not the OCID of a vault");
        assertRefused(
                () -> create(
                        details(b ->
                                b.with(x -> x.secretContent = new SecretContentDetails("TEXT", "plain", null, null))),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.contentType must be BASE64, not 'TEXT'");
        assertRefused(
                () -> create(
                        details(b -> b.with(
                                x -> x.secretContent = new SecretContentDetails("BASE64", b64("x"), null, "PENDING"))),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.stage must be CURRENT when a secret is created, not 'PENDING'");
        assertRefused(
                () -> create(
                        details(b -> b.with(x -> x.secretContent = SecretContentDetails.base64("***"))), List.of()),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.content is not valid base64");
        assertRefused(
                () -> create(
                        details(b -> b.with(x ->
                                x.replicationConfig = Json.createObjectBuilder().build())),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "replicationConfig");
        assertRefused(
                () -> create(
                        details(b -> b.with(x -> x.secretRules = List.of(SecretRule.expiry("P91D", null, null)))),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "between P1D and P90D");
        assertRefused(
                () -> create(
                        details(b -> b.with(x -> x.rotationConfig = new RotationConfig("P30D", null, true))),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "isScheduledRotationEnabled needs enableAutoGeneration");
        assertRefused(
                () -> create(
                        details(b -> b.with(x -> x.secretContent = SecretContentDetails.base64(
                                java.util.Base64.getEncoder().encodeToString(new byte[25_601])))),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "larger than 25600 bytes");
        assertThat(sealer.sealedFor).isEmpty();
    }

    @Test
    void aNameIsTakenInItsVaultUntilItsSecretIsDeleted() {
        Secret namesake = create(details(b -> b), List.of()).secret();
        assertRefused(
                () -> create(details(b -> b), List.of(namesake)),
                ErrorCode.CONFLICT,
                "A secret named 'db-password' already exists in vault " + VAULT);
        namesake.activate();
        namesake.scheduleDeletion(T0.plus(Duration.ofDays(1)));
        assertRefused(() -> create(details(b -> b), List.of(namesake)), ErrorCode.CONFLICT, "already exists");
        clock.advance(Duration.ofDays(1));
        housekeeping.completeDeletion(namesake, List.of());
        assertThat(create(details(b -> b), List.of(namesake)).secret().name()).isEqualTo("db-password");
        Secret elsewhere = create(details(b -> b.with(x -> x.vaultId = Ocids.newId("vault"))), List.of())
                .secret();
        assertThat(create(details(b -> b), List.of(elsewhere)).secret()).isNotNull();
    }

    @Test
    void anAutoGeneratedSecretGetsGeneratedContentAndNeedsItsContext() {
        SecretCreation.NewSecret created = create(
                details(b -> b.with(x -> {
                    x.secretContent = null;
                    x.enableAutoGeneration = true;
                    x.generation = SecretGenerationContext.passphrase("DBAAS_DEFAULT_PASSWORD", 20);
                    x.rotationConfig = new RotationConfig("P30D", null, true);
                })),
                List.of());
        assertThat(created.secret().rotation().autoGenerationEnabled()).isTrue();
        assertThat(created.secret().rotation().generationContext())
                .isEqualTo(SecretGenerationContext.passphrase("DBAAS_DEFAULT_PASSWORD", 20));
        assertThat(created.secret().rotation().nextRotationTime()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(created.firstVersion().contentAutoGenerated()).isTrue();
        assertThat(opened(created.firstVersion())).hasSize(20).matches("[A-Za-z][A-Za-z0-9_#-]+");

        SecretCreation.NewSecret named = create(
                details(b -> b.with(x -> {
                    x.secretContent = new SecretContentDetails("BASE64", null, "generated-1", null);
                    x.enableAutoGeneration = true;
                    x.generation = SecretGenerationContext.bytes("BYTES_512");
                })),
                List.of());
        assertThat(named.firstVersion().name()).isEqualTo("generated-1");
        assertThat(FakeSealer.open(named.firstVersion().encryptedContent())).hasSize(512);

        assertRefused(
                () -> create(details(b -> b.with(x -> x.enableAutoGeneration = true)), List.of()),
                ErrorCode.MISSING_PARAMETER,
                "secretGenerationContext (required when enableAutoGeneration is true)");
        assertRefused(
                () -> create(
                        details(b -> b.with(x -> {
                            x.enableAutoGeneration = true;
                            x.generation = SecretGenerationContext.bytes("BYTES_512");
                        })),
                        List.of()),
                ErrorCode.INVALID_PARAMETER,
                "secretContent.content must be omitted when " + "enableAutoGeneration is true");
    }

    @Test
    void aContextWithoutAutoGenerationIsKeptButNotUsed() {
        SecretCreation.NewSecret created =
                create(details(b -> b.with(x -> x.generation = SecretGenerationContext.bytes("BYTES_512"))), List.of());
        assertThat(created.secret().rotation().autoGenerationEnabled()).isFalse();
        assertThat(created.secret().rotation().generationContext())
                .isEqualTo(SecretGenerationContext.bytes("BYTES_512"));
        assertThat(opened(created.firstVersion())).isEqualTo("s3cr3t");
    }

    @Test
    void anExpiryRuleGivesTheFirstVersionItsExpiry() {
        SecretCreation.NewSecret created = create(
                details(b -> b.with(x -> x.secretRules = List.of(SecretRule.expiry("P10D", null, null)))), List.of());
        assertThat(created.firstVersion().timeOfExpiry()).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(created.secret().timeOfCurrentVersionExpiry()).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(created.secret().secretRules()).containsExactly(SecretRule.expiry("P10D", null, false));
    }
}
