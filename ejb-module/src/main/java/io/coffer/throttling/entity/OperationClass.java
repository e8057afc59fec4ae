package io.coffer.throttling.entity;

/** What a request does, for throttling: each class has its own buckets and limits. */
public enum OperationClass {
    /** Reading secret bundles (the Secrets service). */
    DATA_PLANE_READ("data-plane-read", "dataPlaneReadsPerSecond"),
    /** Reading vaults, keys, secrets and versions (the Vaults and KMS services). */
    CONTROL_PLANE_READ("control-plane-read", "controlPlaneReadsPerSecond"),
    /** Creating, changing and deleting vaults, keys, secrets and versions. */
    CONTROL_PLANE_WRITE("control-plane-write", "controlPlaneWritesPerSecond");

    private final String label;
    private final String field;

    OperationClass(String label, String field) {
        this.label = label;
        this.field = field;
    }

    /** The value of the {@code class} tag of the throttling metrics. */
    public String label() {
        return label;
    }

    /** The JSON field of the admin API that holds this class's rate. */
    public String field() {
        return field;
    }
}
