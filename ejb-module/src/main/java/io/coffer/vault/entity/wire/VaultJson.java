package io.coffer.vault.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.vault.entity.Vault;
import java.time.Instant;
import java.util.Map;

/**
 * The KMS API's {@code Vault} as JSON, and its {@code VaultSummary} (an item of ListVaults): the same object without
 * time of deletion and replication flags (JSON-B leaves out what is null). A vault's endpoints are Coffer's own URLs
 * for that vault: the SDK's {@code KmsManagementClient} follows the management endpoint.
 */
public record VaultJson(
        String id,
        String compartmentId,
        String displayName,
        String vaultType,
        String lifecycleState,
        String cryptoEndpoint,
        String managementEndpoint,
        String timeCreated,
        String timeOfDeletion,
        Map<String, String> freeformTags,
        Map<String, Map<String, Object>> definedTags,
        Boolean isPrimary,
        Boolean isVaultReplicable) {

    public static VaultJson of(String publicUrl, Vault vault) {
        return of(publicUrl, vault, vault.timeOfDeletion(), Boolean.TRUE, Boolean.FALSE);
    }

    public static VaultJson summary(String publicUrl, Vault vault) {
        return of(publicUrl, vault, null, null, null);
    }

    private static VaultJson of(
            String publicUrl, Vault vault, Instant timeOfDeletion, Boolean primary, Boolean replicable) {
        return new VaultJson(
                vault.id(),
                vault.compartmentId(),
                vault.displayName(),
                vault.vaultType(),
                vault.state().name(),
                publicUrl + "/kms-crypto/" + vault.id(),
                publicUrl + "/kms/" + vault.id(),
                Rfc3339.format(vault.timeCreated()),
                Rfc3339.format(timeOfDeletion),
                vault.tags().freeform(),
                vault.tags().defined(),
                primary,
                replicable);
    }
}
