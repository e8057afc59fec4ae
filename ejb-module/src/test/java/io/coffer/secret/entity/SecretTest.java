package io.coffer.secret.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.resource.entity.ResourceTags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:13:29.468Z");

    private static Secret secret() {
        return new Secret(
                "ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa",
                "ocid1.tenancy.oc1.coffer.aaaaaaaaaaaa",
                "ocid1.tenancy.oc1.coffer.aaaaaaaaaaaa",
                "ocid1.vault.oc1.coffer.aaaaaaaaaaaa",
                "ocid1.key.oc1.coffer.aaaaaaaaaaaa",
                "db-password",
                T0.plusNanos(123_456));
    }

    private static Secret active() {
        Secret secret = secret();
        secret.activate();
        return secret;
    }

    private static void assertIncorrectState(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CofferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INCORRECT_STATE);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void aNewSecretIsCreatingWithoutVersionsAndKeepsMilliseconds() {
        Secret secret = secret();
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.CREATING);
        assertThat(secret.currentVersionNumber()).isZero();
        assertThat(secret.latestVersionNumber()).isZero();
        assertThat(secret.timeCreated()).isEqualTo(T0);
        assertThat(secret.tags().freeform()).isEmpty();
        assertThat(secret.tags().defined()).isEmpty();
        assertThat(secret.secretRules()).isEmpty();
        assertThat(secret.rotation().rotationConfig()).isNull();
        assertThat(secret.rotation().rotationStatus()).isEqualTo("NOT_ENABLED");
    }

    @Test
    void activationHappensFromCreatingOnlyAndIsIdempotent() {
        Secret secret = secret();
        secret.activate();
        secret.activate();
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.ACTIVE);
        secret.scheduleDeletion(T0.plus(Duration.ofDays(7)));
        assertIncorrectState(secret::activate, "is PENDING_DELETION and cannot become ACTIVE");
    }

    @Test
    void deletionIsScheduledOnceCancelledOnlyWhenPendingAndCompletedWhenDue() {
        Secret secret = active();
        secret.storeEncryptedMetadata(new byte[] {1, 2, 3});
        Instant when = T0.plus(Duration.ofDays(7));
        secret.scheduleDeletion(when);
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.PENDING_DELETION);
        assertThat(secret.timeOfDeletion()).isEqualTo(when);
        assertIncorrectState(
                () -> secret.scheduleDeletion(when), "already scheduled for deletion at " + "2026-12-02T02:13:29.468Z");
        assertThat(secret.isDueForDeletion(when.minusMillis(1))).isFalse();
        assertThat(secret.isDueForDeletion(when)).isTrue();
        Instant due = when;
        assertIncorrectState(() -> secret.cancelDeletion(due), "is being deleted");
        secret.cancelDeletion(when.minusMillis(1));
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.ACTIVE);
        assertThat(secret.timeOfDeletion()).isNull();
        assertIncorrectState(() -> secret.cancelDeletion(due), "is not scheduled for deletion");
        assertIncorrectState(secret::completeDeletion, "is not pending deletion");

        secret.scheduleDeletion(when);
        secret.completeDeletion();
        assertThat(secret.lifecycleState()).isEqualTo(SecretLifecycleState.DELETED);
        assertThat(secret.encryptedMetadata()).isNull();
        assertThat(secret.isDueForDeletion(when.plusSeconds(1))).isFalse();
    }

    @Test
    void onlyAnActiveSecretCanBeScheduledForDeletion() {
        assertIncorrectState(() -> secret().scheduleDeletion(T0), "is CREATING and must be ACTIVE");
    }

    @Test
    void versionNumbersGrowByOne() {
        Secret secret = secret();
        assertThat(secret.allocateVersionNumber()).isEqualTo(1);
        assertThat(secret.allocateVersionNumber()).isEqualTo(2);
        assertThat(secret.latestVersionNumber()).isEqualTo(2);
    }

    @Test
    void structuredFieldsRoundTripThroughTheirJsonColumns() {
        Secret secret = secret();
        secret.tag(ResourceTags.of(
                "a secret", Map.of("Department", "Finance"), Map.of("Operations", Map.of("CostCenter", "42"))));
        secret.applyRules(List.of(SecretRule.reuse(true), SecretRule.expiry("P30D", null, false)));
        secret.rotation()
                .configure(
                        new RotationConfig(
                                "P30D",
                                new TargetSystemDetails(
                                        "ADB", "ocid1.autonomousdatabase" + ".oc1.coffer.aaaaaaaaaaaa", null),
                                true),
                        T0.plus(Duration.ofDays(30)));
        secret.rotation().configureGeneration(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", 20), true);
        assertThat(secret.tags().freeform()).containsEntry("Department", "Finance");
        assertThat(secret.tags().defined()).containsKey("Operations");
        assertThat(secret.tags().defined().get("Operations")).containsEntry("CostCenter", "42");
        assertThat(secret.secretRules())
                .containsExactly(SecretRule.reuse(true), SecretRule.expiry("P30D", null, false));
        assertThat(secret.rotation().rotationConfig().targetSystemDetails().targetSystemType())
                .isEqualTo("ADB");
        assertThat(secret.rotation().rotationStatus()).isEqualTo("SCHEDULED");
        assertThat(secret.rotation().nextRotationTime()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(secret.rotation().generationContext())
                .isEqualTo(SecretGenerationContext.passphrase("SECRETS_DEFAULT_PASSWORD", 20));
        assertThat(secret.rotation().autoGenerationEnabled()).isTrue();
        secret.applyRules(List.of());
        assertThat(secret.secretRules()).isEmpty();
    }

    @Test
    void aScheduledRotationIsDueOnlyForAnActiveSecret() {
        Secret secret = active();
        secret.rotation().rotated(T0, T0.plus(Duration.ofDays(1)));
        assertThat(secret.isRotationDue(T0)).isFalse();
        assertThat(secret.isRotationDue(T0.plus(Duration.ofDays(1)))).isTrue();
        secret.scheduleDeletion(T0.plus(Duration.ofDays(2)));
        assertThat(secret.isRotationDue(T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void metadataIsKeptAsACopyOfTheCiphertext() {
        Secret secret = secret();
        byte[] sealed = {9, 8, 7};
        secret.storeEncryptedMetadata(sealed);
        sealed[0] = 0;
        assertThat(secret.encryptedMetadata()).containsExactly(9, 8, 7);
        assertThat(secret.toString()).doesNotContain("9, 8, 7");
    }
}
