package io.coffer.vault.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.vault.entity.Vault;
import io.coffer.resource.entity.ResourceTags;
import java.util.Map;

/** The KMS API's vault JSON, field for field as the OCI SDK's {@code Vault}, {@code VaultSummary} and requests. */
public final class VaultViews {

    private VaultViews() {
    }

    public record CreateVaultDetails(String compartmentId, String displayName, String vaultType,
            Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {
    }

    public record UpdateVaultDetails(String displayName, Map<String, String> freeformTags,
            Map<String, Map<String, Object>> definedTags) {
    }

    public record ScheduleVaultDeletionDetails(String timeOfDeletion) {
    }

    public record VaultView(String id, String compartmentId, String displayName, String vaultType, String lifecycleState,
            String cryptoEndpoint, String managementEndpoint, String timeCreated, String timeOfDeletion,
            Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags, Boolean isPrimary,
            Boolean isVaultReplicable) {
    }

    public record VaultSummaryView(String id, String compartmentId, String displayName, String vaultType,
            String lifecycleState, String cryptoEndpoint, String managementEndpoint, String timeCreated,
            Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {
    }

    /** A vault's management endpoint is Coffer's own URL for that vault: the SDK's KmsManagementClient follows it. */
    public static String managementEndpoint(String publicUrl, Vault vault) {
        return publicUrl + "/kms/" + vault.id();
    }

    public static String cryptoEndpoint(String publicUrl, Vault vault) {
        return publicUrl + "/kms-crypto/" + vault.id();
    }

    public static VaultView view(String publicUrl, Vault vault) {
        return new VaultView(vault.id(), vault.compartmentId(), vault.displayName(), vault.vaultType(), vault.state().name(),
                cryptoEndpoint(publicUrl, vault), managementEndpoint(publicUrl, vault), Rfc3339.format(vault.timeCreated()),
                Rfc3339.format(vault.timeOfDeletion()), ResourceTags.freeformFromJson(vault.freeformTags()),
                ResourceTags.definedFromJson(vault.definedTags()), Boolean.TRUE, Boolean.FALSE);
    }

    public static VaultSummaryView summary(String publicUrl, Vault vault) {
        return new VaultSummaryView(vault.id(), vault.compartmentId(), vault.displayName(), vault.vaultType(),
                vault.state().name(), cryptoEndpoint(publicUrl, vault), managementEndpoint(publicUrl, vault),
                Rfc3339.format(vault.timeCreated()), ResourceTags.freeformFromJson(vault.freeformTags()),
                ResourceTags.definedFromJson(vault.definedTags()));
    }
}
