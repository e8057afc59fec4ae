package io.coffer.throttling.entity;

/**
 * Requests per second for each operation class, and how many seconds of them a bucket holds (its burst). A null
 * value means "the default" (for a tenancy: the tenancy defaults; for the defaults: Coffer's built-in ones).
 */
public record Limits(
        Long dataPlaneReadsPerSecond,
        Long controlPlaneReadsPerSecond,
        Long controlPlaneWritesPerSecond,
        Long burstSeconds) {

    /** Nothing set: every value is the default. */
    public static final Limits UNSET = new Limits(null, null, null, null);

    public Long perSecond(OperationClass operation) {
        return switch (operation) {
            case DATA_PLANE_READ -> dataPlaneReadsPerSecond;
            case CONTROL_PLANE_READ -> controlPlaneReadsPerSecond;
            case CONTROL_PLANE_WRITE -> controlPlaneWritesPerSecond;
        };
    }

    /** These limits with every unset value taken from {@code defaults}. */
    public Limits orElse(Limits defaults) {
        return new Limits(
                dataPlaneReadsPerSecond != null ? dataPlaneReadsPerSecond : defaults.dataPlaneReadsPerSecond,
                controlPlaneReadsPerSecond != null ? controlPlaneReadsPerSecond : defaults.controlPlaneReadsPerSecond,
                controlPlaneWritesPerSecond != null
                        ? controlPlaneWritesPerSecond
                        : defaults.controlPlaneWritesPerSecond,
                burstSeconds != null ? burstSeconds : defaults.burstSeconds);
    }
}
