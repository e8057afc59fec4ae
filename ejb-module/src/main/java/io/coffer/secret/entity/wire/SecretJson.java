package io.coffer.secret.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.RotationSettings;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.secret.entity.SecretRule;
import java.util.List;
import java.util.Map;

/**
 * OCI's {@code Secret} as JSON (GetSecret, CreateSecret, UpdateSecret and the secret actions) and its
 * {@code SecretSummary} (an item of ListSecrets), which is the same object without metadata, rules and current version
 * number: JSON-B leaves out what is null. Never carries content. Fields Coffer does not have (replication, source
 * region, system tags) are left out.
 */
public record SecretJson(
        String compartmentId,
        Long currentVersionNumber,
        Map<String, Map<String, Object>> definedTags,
        String description,
        Map<String, String> freeformTags,
        String id,
        String keyId,
        String lifecycleDetails,
        String lifecycleState,
        Map<String, Object> metadata,
        Boolean isReplica,
        RotationConfig rotationConfig,
        String rotationStatus,
        String lastRotationTime,
        String nextRotationTime,
        String secretName,
        List<SecretRule> secretRules,
        String timeCreated,
        String timeOfCurrentVersionExpiry,
        String timeOfDeletion,
        String vaultId,
        SecretGenerationContext secretGenerationContext,
        Boolean isAutoGenerationEnabled) {

    /** The secret as OCI shows it, with the metadata the caller decrypted (null when it has none). */
    public static SecretJson of(Secret secret, Map<String, Object> metadata) {
        return of(secret, secret.currentVersionNumber(), metadata, secret.secretRules());
    }

    /** The secret as an item of ListSecrets shows it. */
    public static SecretJson summary(Secret secret) {
        return of(secret, null, null, null);
    }

    private static SecretJson of(
            Secret secret, Long currentVersionNumber, Map<String, Object> metadata, List<SecretRule> rules) {
        RotationSettings rotation = secret.rotation();
        return new SecretJson(
                secret.compartmentId(),
                currentVersionNumber,
                secret.tags().defined(),
                secret.description(),
                secret.tags().freeform(),
                secret.id(),
                secret.keyId(),
                secret.lifecycleDetails(),
                secret.lifecycleState().name(),
                metadata,
                false,
                rotation.rotationConfig(),
                rotation.rotationStatus(),
                Rfc3339.format(rotation.lastRotationTime()),
                Rfc3339.format(rotation.nextRotationTime()),
                secret.name(),
                rules,
                Rfc3339.format(secret.timeCreated()),
                Rfc3339.format(secret.timeOfCurrentVersionExpiry()),
                Rfc3339.format(secret.timeOfDeletion()),
                secret.vaultId(),
                rotation.generationContext(),
                rotation.autoGenerationEnabled());
    }
}
