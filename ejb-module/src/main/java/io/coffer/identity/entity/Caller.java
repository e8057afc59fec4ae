package io.coffer.identity.entity;

/** Who signed the request: the tenancy (also its root compartment), the user, and the user's role. */
public record Caller(String tenancyId, String userId, Role role) {

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }
}
