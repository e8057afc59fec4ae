package io.coffer.resource.entity;

import io.coffer.platform.failure.CofferException;

/** OCI's display names (vaults, keys): 1 to {@value #MAX} printable characters. */
public final class DisplayNames {

    public static final int MAX = 255;

    private DisplayNames() {}

    /** The display name a request gives, or MissingParameter / InvalidParameter naming {@code displayName}. */
    public static String checked(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw CofferException.missing("displayName");
        }
        if (displayName.length() > MAX || displayName.chars().anyMatch(Character::isISOControl)) {
            throw CofferException.invalid("displayName must be 1 to " + MAX + " printable characters");
        }
        return displayName;
    }
}
