package io.coffer.secret.control;

import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.ScheduleSecretDeletionDetails;
import io.coffer.secret.entity.wire.ScheduleSecretVersionDeletionDetails;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Scheduling and cancelling the deletion of a secret or of one of its versions (OCI: 1 to 30 days ahead, 30 by
 * default). The deletion itself happens later, in {@link DeletionHousekeeping}.
 */
@Dependent
public class SecretDeletion {

    private final Clock clock;

    @Inject
    public SecretDeletion(Clock clock) {
        this.clock = clock;
    }

    /** ScheduleSecretDeletion: ACTIVE to PENDING_DELETION. */
    public void scheduleDeletion(Secret secret, ScheduleSecretDeletionDetails details) {
        secret.checkDeletionSchedulable();
        secret.scheduleDeletion(DeletionWindow.resolve(
                "timeOfDeletion", details == null ? null : details.timeOfDeletion(), clock.instant()));
    }

    /** CancelSecretDeletion: PENDING_DELETION back to ACTIVE. */
    public void cancelDeletion(Secret secret) {
        secret.cancelDeletion(clock.instant());
    }

    /** ScheduleSecretVersionDeletion: only a DEPRECATED version that is not LATEST. */
    public void scheduleVersionDeletion(
            Secret secret,
            List<SecretVersion> versions,
            long versionNumber,
            ScheduleSecretVersionDeletionDetails details) {
        secret.requireActive("schedule the deletion of a version");
        SecretVersion version = VersionStages.checkCanScheduleDeletion(secret, versions, versionNumber);
        version.scheduleDeletion(DeletionWindow.resolve(
                "timeOfDeletion", details == null ? null : details.timeOfDeletion(), clock.instant()));
    }

    /** CancelSecretVersionDeletion. */
    public void cancelVersionDeletion(Secret secret, List<SecretVersion> versions, long versionNumber) {
        secret.requireActive("cancel the deletion of a version");
        VersionStages.checkCanCancelDeletion(secret, versions, versionNumber).cancelDeletion();
    }
}
