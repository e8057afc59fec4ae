package io.coffer.secret.entity.wire;

import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.secret.entity.SecretRule;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The body of CreateSecret, field for field as the SDK's {@code CreateSecretDetails} sends it. {@code replicationConfig}
 * is kept as raw JSON so that a request asking for cross-region replication is refused rather than silently ignored.
 */
public record CreateSecretDetails(
        String compartmentId,
        Map<String, Map<String, Object>> definedTags,
        String description,
        Map<String, String> freeformTags,
        String keyId,
        Map<String, Object> metadata,
        SecretContentDetails secretContent,
        JsonObject replicationConfig,
        RotationConfig rotationConfig,
        String secretName,
        List<SecretRule> secretRules,
        String vaultId,
        SecretGenerationContext secretGenerationContext,
        Boolean enableAutoGeneration) {}
