package io.coffer.secret.entity.wire;

/** The body of ChangeSecretCompartment. */
public record ChangeSecretCompartmentDetails(String compartmentId) {}
