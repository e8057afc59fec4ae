package io.coffer.secret.entity.wire;

import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.SecretGenerationContext;
import io.coffer.secret.entity.SecretRule;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The body of UpdateSecret, field for field as the SDK's {@code UpdateSecretDetails} sends it; null means "unchanged". */
public record UpdateSecretDetails(
        Long currentVersionNumber,
        Map<String, Map<String, Object>> definedTags,
        String description,
        Map<String, String> freeformTags,
        Map<String, Object> metadata,
        SecretContentDetails secretContent,
        JsonObject replicationConfig,
        RotationConfig rotationConfig,
        List<SecretRule> secretRules,
        SecretGenerationContext secretGenerationContext,
        Boolean enableAutoGeneration) {}
