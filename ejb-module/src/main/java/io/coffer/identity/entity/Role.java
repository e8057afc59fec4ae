package io.coffer.identity.entity;

/** What a user may do: administer its own tenancy, or operate the whole service. */
public enum Role {
    TENANCY_ADMIN,
    OPERATOR
}
