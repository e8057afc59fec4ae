package io.coffer.secret.entity.wire;

import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.platform.wire.Rfc3339;
import java.util.Map;

/** OCI's {@code SecretSummary} as JSON: one item of ListSecrets (no metadata, no rules, no current version number). */
public record SecretSummaryJson(
        String compartmentId,
        Map<String, Map<String, Object>> definedTags,
        String description,
        Map<String, String> freeformTags,
        String keyId,
        String id,
        String lifecycleDetails,
        String lifecycleState,
        Boolean isReplica,
        RotationConfig rotationConfig,
        String rotationStatus,
        String lastRotationTime,
        String nextRotationTime,
        String secretName,
        String timeCreated,
        String timeOfCurrentVersionExpiry,
        String timeOfDeletion,
        String vaultId,
        SecretGenerationContext secretGenerationContext,
        Boolean isAutoGenerationEnabled) {

    public static SecretSummaryJson of(Secret secret) {
        return new SecretSummaryJson(
                secret.compartmentId(),
                secret.definedTags(),
                secret.description(),
                secret.freeformTags(),
                secret.keyId(),
                secret.id(),
                secret.lifecycleDetails(),
                secret.lifecycleState().name(),
                false,
                secret.rotationConfig(),
                secret.rotationStatus(),
                Rfc3339.format(secret.lastRotationTime()),
                Rfc3339.format(secret.nextRotationTime()),
                secret.name(),
                Rfc3339.format(secret.timeCreated()),
                Rfc3339.format(secret.timeOfCurrentVersionExpiry()),
                Rfc3339.format(secret.timeOfDeletion()),
                secret.vaultId(),
                secret.generationContext(),
                secret.autoGenerationEnabled());
    }
}
