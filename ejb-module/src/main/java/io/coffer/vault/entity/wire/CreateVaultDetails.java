package io.coffer.vault.entity.wire;

import java.util.Map;

/** The body of CreateVault, as the SDK's {@code CreateVaultDetails} sends it. */
public record CreateVaultDetails(
        String compartmentId,
        String displayName,
        String vaultType,
        Map<String, String> freeformTags,
        Map<String, Map<String, Object>> definedTags) {}
