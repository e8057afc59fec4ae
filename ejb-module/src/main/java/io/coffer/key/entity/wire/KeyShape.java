package io.coffer.key.entity.wire;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The KMS API's {@code KeyShape}: Coffer makes AES keys of 32 bytes (AES-256) and refuses any other shape. */
public record KeyShape(
        @NotNull(message = "keyShape.algorithm is required")
        @Pattern(regexp = "AES", message = "keyShape.algorithm is not supported: Coffer's master keys are AES")
        String algorithm,

        @NotNull(message = "keyShape.length is required")
        @Min(value = 32, message = "keyShape.length must be 32 (AES-256)")
        @Max(value = 32, message = "keyShape.length must be 32 (AES-256)")
        Integer length,

        String curveId) {}
