package io.coffer.secret.entity;

/** OCI's {@code RotationConfig}: how often to rotate, where, and whether Coffer rotates on schedule. */
public record RotationConfig(
        String rotationInterval, TargetSystemDetails targetSystemDetails, Boolean isScheduledRotationEnabled) {

    public boolean scheduled() {
        return Boolean.TRUE.equals(isScheduledRotationEnabled);
    }

    public RotationConfig withScheduledRotation(boolean enabled) {
        return new RotationConfig(rotationInterval, targetSystemDetails, enabled);
    }
}
