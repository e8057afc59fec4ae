package io.coffer.key.entity.wire;

import java.util.Map;

/** The body of UpdateKey; null means "unchanged". */
public record UpdateKeyDetails(
        String displayName, Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {}
