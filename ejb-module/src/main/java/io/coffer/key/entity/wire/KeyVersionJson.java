package io.coffer.key.entity.wire;

import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.platform.wire.Rfc3339;

/**
 * The KMS API's {@code KeyVersion} as JSON, and its {@code KeyVersionSummary} (an item of ListKeyVersions), which has
 * no primary flag. Coffer's key versions are made inside Coffer ({@code INTERNAL}) and never deleted on their own.
 */
public record KeyVersionJson(
        String id,
        String keyId,
        String vaultId,
        String compartmentId,
        String lifecycleState,
        String origin,
        String timeCreated,
        String timeOfDeletion,
        Boolean isPrimary,
        Boolean isAutoRotated) {

    public static KeyVersionJson of(MasterKeyVersion version) {
        return of(version, Boolean.TRUE);
    }

    public static KeyVersionJson summary(MasterKeyVersion version) {
        return of(version, null);
    }

    private static KeyVersionJson of(MasterKeyVersion version, Boolean primary) {
        return new KeyVersionJson(
                version.id(),
                version.keyId(),
                version.vaultId(),
                version.compartmentId(),
                version.state().name(),
                "INTERNAL",
                Rfc3339.format(version.timeCreated()),
                null,
                primary,
                Boolean.FALSE);
    }
}
