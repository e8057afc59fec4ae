package io.coffer.secret.entity;

/** OCI's {@code TargetSystemDetails} as a flat union of {@code ADB} ({@code adbId}) and {@code FUNCTION} ({@code functionId}). */
public record TargetSystemDetails(String targetSystemType, String adbId, String functionId) {

    public static final String ADB = "ADB";
    public static final String FUNCTION = "FUNCTION";
}
