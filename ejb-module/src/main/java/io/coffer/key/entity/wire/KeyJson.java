package io.coffer.key.entity.wire;

import io.coffer.key.entity.MasterKey;
import io.coffer.platform.wire.Rfc3339;
import java.util.Map;

/**
 * The KMS API's {@code Key} as JSON, and its {@code KeySummary} (an item of ListKeys), which names the algorithm
 * instead of the whole shape and leaves out the current version, time of deletion and primary flag (JSON-B leaves out
 * what is null).
 */
public record KeyJson(
        String id,
        String compartmentId,
        String vaultId,
        String displayName,
        String currentKeyVersion,
        KeyShape keyShape,
        String algorithm,
        String protectionMode,
        String lifecycleState,
        String timeCreated,
        String timeOfDeletion,
        Map<String, String> freeformTags,
        Map<String, Map<String, Object>> definedTags,
        Boolean isPrimary,
        Boolean isAutoRotationEnabled) {

    public static KeyJson of(MasterKey key) {
        return new KeyJson(
                key.id(),
                key.compartmentId(),
                key.vaultId(),
                key.displayName(),
                key.currentVersionId(),
                new KeyShape(MasterKey.ALGORITHM, MasterKey.LENGTH, null),
                null,
                key.protectionMode(),
                key.state().name(),
                Rfc3339.format(key.timeCreated()),
                Rfc3339.format(key.timeOfDeletion()),
                key.tags().freeform(),
                key.tags().defined(),
                Boolean.TRUE,
                Boolean.FALSE);
    }

    public static KeyJson summary(MasterKey key) {
        return new KeyJson(
                key.id(),
                key.compartmentId(),
                key.vaultId(),
                key.displayName(),
                null,
                null,
                MasterKey.ALGORITHM,
                key.protectionMode(),
                key.state().name(),
                Rfc3339.format(key.timeCreated()),
                null,
                key.tags().freeform(),
                key.tags().defined(),
                null,
                Boolean.FALSE);
    }
}
