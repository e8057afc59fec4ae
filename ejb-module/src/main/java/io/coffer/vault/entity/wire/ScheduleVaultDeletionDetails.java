package io.coffer.vault.entity.wire;

/** The body of ScheduleVaultDeletion: an optional RFC 3339 time of deletion. */
public record ScheduleVaultDeletionDetails(String timeOfDeletion) {}
