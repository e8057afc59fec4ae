package io.coffer.secret.entity;

/**
 * OCI's {@code SecretRule} as a flat union of {@code SECRET_EXPIRY_RULE} and {@code SECRET_REUSE_RULE}; a field that
 * does not belong to the rule's type stays null. Component names are the JSON names.
 */
public record SecretRule(
        String ruleType,
        String secretVersionExpiryInterval,
        String timeOfAbsoluteExpiry,
        Boolean isSecretContentRetrievalBlockedOnExpiry,
        Boolean isEnforcedOnDeletedSecretVersions) {

    public static final String EXPIRY = "SECRET_EXPIRY_RULE";
    public static final String REUSE = "SECRET_REUSE_RULE";

    public static SecretRule expiry(String interval, String timeOfAbsoluteExpiry, Boolean blockedOnExpiry) {
        return new SecretRule(EXPIRY, interval, timeOfAbsoluteExpiry, blockedOnExpiry, null);
    }

    public static SecretRule reuse(Boolean enforcedOnDeletedVersions) {
        return new SecretRule(REUSE, null, null, null, enforcedOnDeletedVersions);
    }
}
