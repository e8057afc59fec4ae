package io.coffer.vault.entity.wire;

import java.util.Map;

/** The body of UpdateVault; null means "unchanged". */
public record UpdateVaultDetails(
        String displayName, Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {}
