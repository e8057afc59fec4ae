package io.coffer.key.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.resource.entity.ResourceTags;
import java.util.Map;

/** The KMS management API's key JSON, field for field as the OCI SDK's {@code Key}, {@code KeyVersion} and requests. */
public final class KeyViews {

    private KeyViews() {
    }

    public record KeyShape(String algorithm, Integer length, String curveId) {
    }

    public record CreateKeyDetails(String compartmentId, String displayName, KeyShape keyShape, String protectionMode,
            Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {
    }

    public record UpdateKeyDetails(String displayName, Map<String, String> freeformTags,
            Map<String, Map<String, Object>> definedTags) {
    }

    public record KeyView(String id, String compartmentId, String vaultId, String displayName, String currentKeyVersion,
            KeyShape keyShape, String protectionMode, String lifecycleState, String timeCreated, String timeOfDeletion,
            Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags, Boolean isPrimary,
            Boolean isAutoRotationEnabled) {
    }

    public record KeySummaryView(String id, String compartmentId, String vaultId, String displayName, String protectionMode,
            String algorithm, String lifecycleState, String timeCreated, Map<String, String> freeformTags,
            Map<String, Map<String, Object>> definedTags, Boolean isAutoRotationEnabled) {
    }

    public record KeyVersionView(String id, String keyId, String vaultId, String compartmentId, String lifecycleState,
            String origin, String timeCreated, String timeOfDeletion, Boolean isPrimary, Boolean isAutoRotated) {
    }

    public record KeyVersionSummaryView(String id, String keyId, String vaultId, String compartmentId,
            String lifecycleState, String origin, String timeCreated, String timeOfDeletion, Boolean isAutoRotated) {
    }

    public static KeyView view(MasterKey key) {
        return new KeyView(key.id(), key.compartmentId(), key.vaultId(), key.displayName(), key.currentVersionId(),
                new KeyShape(MasterKey.ALGORITHM, MasterKey.LENGTH, null), key.protectionMode(), key.state().name(),
                Rfc3339.format(key.timeCreated()), Rfc3339.format(key.timeOfDeletion()),
                ResourceTags.freeformFromJson(key.freeformTags()), ResourceTags.definedFromJson(key.definedTags()), Boolean.TRUE,
                Boolean.FALSE);
    }

    public static KeySummaryView summary(MasterKey key) {
        return new KeySummaryView(key.id(), key.compartmentId(), key.vaultId(), key.displayName(), key.protectionMode(),
                MasterKey.ALGORITHM, key.state().name(), Rfc3339.format(key.timeCreated()),
                ResourceTags.freeformFromJson(key.freeformTags()), ResourceTags.definedFromJson(key.definedTags()), Boolean.FALSE);
    }

    public static KeyVersionView view(MasterKeyVersion version) {
        return new KeyVersionView(version.id(), version.keyId(), version.vaultId(), version.compartmentId(),
                version.state().name(), "INTERNAL", Rfc3339.format(version.timeCreated()), null, Boolean.TRUE, Boolean.FALSE);
    }

    public static KeyVersionSummaryView summary(MasterKeyVersion version) {
        return new KeyVersionSummaryView(version.id(), version.keyId(), version.vaultId(), version.compartmentId(),
                version.state().name(), "INTERNAL", Rfc3339.format(version.timeCreated()), null, Boolean.FALSE);
    }
}
