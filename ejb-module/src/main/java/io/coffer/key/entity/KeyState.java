package io.coffer.key.entity;

/** OCI's key and key-version lifecycle states (the ones Coffer passes through). */
public enum KeyState {
    CREATING,
    ENABLED,
    DISABLED,
    DELETED,
    PENDING_DELETION
}
