package io.coffer.vault.entity;

/** OCI's vault lifecycle states (the ones Coffer passes through). */
public enum VaultState {
    CREATING,
    ACTIVE,
    DELETING,
    DELETED,
    PENDING_DELETION,
    SCHEDULING_DELETION,
    CANCELLING_DELETION,
    UPDATING
}
