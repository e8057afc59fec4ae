package io.coffer.key.entity.wire;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The body of CreateKey, as the SDK's {@code CreateKeyDetails} sends it. */
public record CreateKeyDetails(
        String compartmentId,
        String displayName,
        @NotNull(message = "keyShape is required") @Valid KeyShape keyShape,
        String protectionMode,
        Map<String, String> freeformTags,
        Map<String, Map<String, Object>> definedTags) {}
