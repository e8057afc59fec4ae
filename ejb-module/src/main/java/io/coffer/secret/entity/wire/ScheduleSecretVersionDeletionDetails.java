package io.coffer.secret.entity.wire;

/** The body of ScheduleSecretVersionDeletion: an optional RFC 3339 time of deletion. */
public record ScheduleSecretVersionDeletionDetails(String timeOfDeletion) {}
