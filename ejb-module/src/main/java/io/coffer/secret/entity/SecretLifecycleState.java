package io.coffer.secret.entity;

import io.coffer.platform.failure.CofferException;

/** A secret's lifecycle state, exactly OCI's enum (Secret.LifecycleState / SecretSummary.LifecycleState). */
public enum SecretLifecycleState {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING,
    DELETED,
    SCHEDULING_DELETION,
    PENDING_DELETION,
    CANCELLING_DELETION,
    FAILED;

    /** The state named in a request, or InvalidParameter naming the field and the allowed values. */
    public static SecretLifecycleState parse(String field, String text) {
        for (SecretLifecycleState state : values()) {
            if (state.name().equals(text)) {
                return state;
            }
        }
        throw CofferException.invalid(field + " must be one of CREATING, ACTIVE, UPDATING, DELETING, DELETED, "
                + "SCHEDULING_DELETION, PENDING_DELETION, CANCELLING_DELETION, FAILED, not '" + text + "'");
    }
}
