package io.coffer.secret.entity.wire;

import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.platform.wire.Rfc3339;
import java.util.List;
import java.util.Map;

/**
 * OCI's {@code Secret} as JSON: what GetSecret, CreateSecret, UpdateSecret and the secret actions answer. Never carries
 * content. Fields Coffer does not have (replication, source region, system tags) are left out, as JSON-B omits nulls.
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
        return new SecretJson(
                secret.compartmentId(),
                secret.currentVersionNumber(),
                secret.definedTags(),
                secret.description(),
                secret.freeformTags(),
                secret.id(),
                secret.keyId(),
                secret.lifecycleDetails(),
                secret.lifecycleState().name(),
                metadata,
                false,
                secret.rotationConfig(),
                secret.rotationStatus(),
                Rfc3339.format(secret.lastRotationTime()),
                Rfc3339.format(secret.nextRotationTime()),
                secret.name(),
                secret.secretRules(),
                Rfc3339.format(secret.timeCreated()),
                Rfc3339.format(secret.timeOfCurrentVersionExpiry()),
                Rfc3339.format(secret.timeOfDeletion()),
                secret.vaultId(),
                secret.generationContext(),
                secret.autoGenerationEnabled());
    }
}
