package io.coffer.secret.entity;

/** The body of ChangeSecretCompartment. */
public record ChangeSecretCompartmentDetails(String compartmentId) {
}
