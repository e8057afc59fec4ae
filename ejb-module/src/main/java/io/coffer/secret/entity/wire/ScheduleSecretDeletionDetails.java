package io.coffer.secret.entity.wire;

/** The body of ScheduleSecretDeletion: an optional RFC 3339 time of deletion. */
public record ScheduleSecretDeletionDetails(String timeOfDeletion) {}
