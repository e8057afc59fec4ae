package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.control.SecretFixtures.Aggregate;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.ScheduleSecretVersionDeletionDetails;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VersionStagesTest extends LifecycleTestBase {

    private void scheduleVersion(Aggregate a, long number) {
        deletion.scheduleVersionDeletion(a.secret, a.versions, number, null);
    }

    @Test
    void aNewCurrentVersionPushesTheOldCurrentToPreviousAndTheOlderOneToDeprecated() {
        Aggregate a = create("one");
        SecretVersion two = add(a, "two", null);
        assertThat(two.versionNumber()).isEqualTo(2);
        assertThat(a.stages(1)).isEqualTo("[PREVIOUS]");
        assertThat(a.stages(2)).isEqualTo("[CURRENT, LATEST]");
        add(a, "three", "CURRENT");
        assertThat(a.stages(1)).isEqualTo("[DEPRECATED]");
        assertThat(a.stages(2)).isEqualTo("[PREVIOUS]");
        assertThat(a.stages(3)).isEqualTo("[CURRENT, LATEST]");
        assertThat(a.secret.currentVersionNumber()).isEqualTo(3);
        assertThat(a.secret.latestVersionNumber()).isEqualTo(3);
        assertThat(opened(a.version(3))).isEqualTo("three");
    }

    @Test
    void aPendingVersionIsStagedWithoutTouchingTheCurrentOne() {
        Aggregate a = create("one");
        add(a, "two", "PENDING");
        assertThat(a.stages(1)).isEqualTo("[CURRENT]");
        assertThat(a.stages(2)).isEqualTo("[PENDING, LATEST]");
        assertThat(a.secret.currentVersionNumber()).isEqualTo(1);
        add(a, "three", "PENDING");
        assertThat(a.stages(1)).isEqualTo("[CURRENT]");
        assertThat(a.stages(2)).isEqualTo("[DEPRECATED]");
        assertThat(a.stages(3)).isEqualTo("[PENDING, LATEST]");
    }

    @Test
    void promotingAPendingVersionMakesItCurrentAndTheOldCurrentPrevious() {
        Aggregate a = create("one");
        add(a, "two", "PENDING");
        assertThat(update(a, promote(2))).isEmpty();
        assertThat(a.stages(1)).isEqualTo("[PREVIOUS]");
        assertThat(a.stages(2)).isEqualTo("[CURRENT, LATEST]");
        assertThat(a.secret.currentVersionNumber()).isEqualTo(2);
    }

    @Test
    void rollingBackToAnOlderVersionKeepsLatestWhereItIs() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        update(a, promote(1));
        assertThat(a.stages(1)).isEqualTo("[CURRENT]");
        assertThat(a.stages(2)).isEqualTo("[DEPRECATED]");
        assertThat(a.stages(3)).isEqualTo("[LATEST, PREVIOUS]");
        update(a, promote(3));
        assertThat(a.stages(1)).isEqualTo("[PREVIOUS]");
        assertThat(a.stages(3)).isEqualTo("[CURRENT, LATEST]");
        update(a, promote(3));
        assertThat(a.stages(3)).isEqualTo("[CURRENT, LATEST]");
    }

    @Test
    void aNewCurrentVersionLeavesAPendingOneStaged() {
        Aggregate a = create("one");
        add(a, "two", "PENDING");
        add(a, "three", null);
        assertThat(a.stages(1)).isEqualTo("[PREVIOUS]");
        assertThat(a.stages(2)).isEqualTo("[PENDING]");
        assertThat(a.stages(3)).isEqualTo("[CURRENT, LATEST]");
        update(a, promote(2));
        assertThat(a.stages(1)).isEqualTo("[DEPRECATED]");
        assertThat(a.stages(2)).isEqualTo("[CURRENT]");
        assertThat(a.stages(3)).isEqualTo("[LATEST, PREVIOUS]");
    }

    @Test
    void onlyAnExistingVersionNotPendingDeletionCanBecomeCurrent() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        assertRefused(
                () -> update(a, promote(9)),
                ErrorCode.INVALID_PARAMETER,
                "currentVersionNumber 9 is not a version of secret " + a.secret.id());
        assertRefused(
                () -> update(a, promote(0)),
                ErrorCode.INVALID_PARAMETER,
                "currentVersionNumber must be a positive version number");
        scheduleVersion(a, 1);
        assertRefused(
                () -> update(a, promote(1)),
                ErrorCode.INCORRECT_STATE,
                "Secret version 1 is scheduled for deletion; cancel its deletion before making it current");
        assertThat(a.secret.currentVersionNumber()).isEqualTo(3);
    }

    @Test
    void versionNamesAreUniqueAmongTheVersionsNotDeleted() {
        Aggregate a = create("one");
        update(a, content("two", null, "blue"));
        add(a, "three", null);
        add(a, "four", null);
        assertRefused(
                () -> update(a, content("five", null, "blue")),
                ErrorCode.CONFLICT,
                "already has a version named 'blue'");
        scheduleVersion(a, 2);
        assertRefused(() -> update(a, content("five", null, "blue")), ErrorCode.CONFLICT, "'blue'");
        clock.advance(Duration.ofDays(30));
        housekeeping.completeVersionDeletion(a.version(2));
        assertThat(update(a, content("five", null, "blue")).orElseThrow().name())
                .isEqualTo("blue");
    }

    @Test
    void atMostThirtyVersionsAreInActiveUse() {
        Aggregate a = create("v1");
        for (int i = 2; i <= 30; i++) {
            add(a, "v" + i, null);
        }
        assertRefused(
                () -> add(a, "v31", null),
                ErrorCode.LIMIT_EXCEEDED,
                "already has 30 secret versions in active "
                        + "use, the most allowed; schedule the deletion of a deprecated version first");
        assertThat(a.secret.latestVersionNumber()).isEqualTo(30);
        scheduleVersion(a, 1);
        assertThat(add(a, "v31", null).versionNumber()).isEqualTo(31);
        assertRefused(
                () -> deletion.cancelVersionDeletion(a.secret, a.versions, 1),
                ErrorCode.LIMIT_EXCEEDED,
                "cancelling this deletion would exceed it");
    }

    @Test
    void atMostThirtyVersionsArePendingDeletion() {
        Aggregate a = create("v1");
        add(a, "v2", null);
        for (int i = 3; i <= 32; i++) {
            add(a, "v" + i, null);
            scheduleVersion(a, i - 2);
        }
        assertThat(a.versions.stream().filter(SecretVersion::isPendingDeletion)).hasSize(30);
        add(a, "v33", null);
        assertThat(a.stages(31)).isEqualTo("[DEPRECATED]");
        assertRefused(
                () -> scheduleVersion(a, 31),
                ErrorCode.LIMIT_EXCEEDED,
                "already has 30 secret versions pending deletion, the most allowed");
    }

    @Test
    void onlyDeprecatedVersionsThatAreNotLatestCanBeScheduledForDeletion() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        add(a, "four", "PENDING");
        assertRefused(
                () -> scheduleVersion(a, 3),
                ErrorCode.INCORRECT_STATE,
                "Secret version 3 is CURRENT; only DEPRECATED secret versions can be scheduled for deletion");
        assertRefused(() -> scheduleVersion(a, 4), ErrorCode.INCORRECT_STATE, "Secret version 4 is PENDING");
        assertRefused(() -> scheduleVersion(a, 2), ErrorCode.INCORRECT_STATE, "Secret version 2 is PREVIOUS");
        assertRefused(
                () -> scheduleVersion(a, 7),
                ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND,
                "Secret version 7 of secret " + a.secret.id() + " was not found");
        scheduleVersion(a, 1);
        assertThat(a.version(1).timeOfDeletion()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertRefused(
                () -> scheduleVersion(a, 1),
                ErrorCode.INCORRECT_STATE,
                "Secret version 1 is already scheduled for deletion at 2026-12-25T02:13:29.468Z");

        Aggregate b = create("one");
        add(b, "two", null);
        add(b, "three", null);
        update(b, promote(1));
        add(b, "four", "PENDING");
        update(b, promote(2));
        add(b, "five", "PENDING");
        assertThat(b.stages(4)).isEqualTo("[DEPRECATED]");
        update(b, promote(1));
        assertThat(b.stages(5)).isEqualTo("[PENDING, LATEST]");
    }

    @Test
    void theLatestVersionCannotBeScheduledEvenWhenDeprecated() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        update(a, promote(1));
        update(a, promote(2));
        assertThat(a.stages(3)).isEqualTo("[LATEST, DEPRECATED]");
        assertRefused(
                () -> scheduleVersion(a, 3),
                ErrorCode.INCORRECT_STATE,
                "Secret version 3 is the LATEST version of its secret and cannot be scheduled for deletion");
    }

    @Test
    void aVersionDeletionTimeMustLieInTheWindow() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        String tooSoon = Rfc3339.format(T0.plus(Duration.ofHours(2)));
        assertRefused(
                () -> deletion.scheduleVersionDeletion(
                        a.secret, a.versions, 1, new ScheduleSecretVersionDeletionDetails(tooSoon)),
                ErrorCode.INVALID_PARAMETER,
                "timeOfDeletion must be between 1 and 30 days from now");
        assertThat(a.version(1).isPendingDeletion()).isFalse();
        String inTwoDays = Rfc3339.format(T0.plus(Duration.ofDays(2)));
        deletion.scheduleVersionDeletion(a.secret, a.versions, 1, new ScheduleSecretVersionDeletionDetails(inTwoDays));
        assertThat(a.version(1).timeOfDeletion()).isEqualTo(T0.plus(Duration.ofDays(2)));
    }

    @Test
    void aScheduledVersionDeletionCanBeCancelledUntilItHappens() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        assertRefused(
                () -> deletion.cancelVersionDeletion(a.secret, a.versions, 1),
                ErrorCode.INCORRECT_STATE,
                "Secret version 1 is not scheduled for deletion, so there is no deletion to cancel");
        scheduleVersion(a, 1);
        deletion.cancelVersionDeletion(a.secret, a.versions, 1);
        assertThat(a.version(1).isPendingDeletion()).isFalse();
        assertThat(a.stages(1)).isEqualTo("[DEPRECATED]");
    }

    @Test
    void dueVersionsAreDeletedIntoTombstonesAndTheirNumbersAreNeverReused() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        deletion.scheduleVersionDeletion(
                a.secret,
                a.versions,
                1,
                new ScheduleSecretVersionDeletionDetails(Rfc3339.format(T0.plus(Duration.ofDays(3)))));
        clock.advance(Duration.ofDays(3).minusMillis(1));
        assertThat(housekeeping
                        .dueDeletions(java.util.List.of(a.secret), a.versions)
                        .versions())
                .isEmpty();
        assertRefused(
                () -> housekeeping.completeVersionDeletion(a.version(1)),
                ErrorCode.INCORRECT_STATE,
                "is not due for deletion");
        clock.advance(Duration.ofMillis(1));
        DeletionHousekeeping.DueDeletions due = housekeeping.dueDeletions(java.util.List.of(a.secret), a.versions);
        assertThat(due.secrets()).isEmpty();
        assertThat(due.versions()).containsExactly(a.version(1));
        housekeeping.completeVersionDeletion(a.version(1));
        assertThat(a.version(1).isDeleted()).isTrue();
        assertThat(a.version(1).encryptedContent()).isNull();
        assertThat(a.stages(2)).isEqualTo("[PREVIOUS]");
        assertThat(housekeeping
                        .dueDeletions(java.util.List.of(a.secret), a.versions)
                        .versions())
                .isEmpty();
        assertRefused(
                () -> readability.version(a.secret, a.versions, 1),
                ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND,
                "Secret version 1");
        assertRefused(
                () -> deletion.cancelVersionDeletion(a.secret, a.versions, 1),
                ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND,
                "Secret version 1");
        assertThat(add(a, "four", null).versionNumber()).isEqualTo(4);
    }

    @Test
    void versionsOfASecretNotActiveCannotBeAddedOrScheduled() {
        Aggregate a = create("one");
        add(a, "two", null);
        add(a, "three", null);
        deletion.scheduleDeletion(a.secret, null);
        assertRefused(
                () -> add(a, "four", null),
                ErrorCode.INCORRECT_STATE,
                "is PENDING_DELETION and must be ACTIVE to be updated");
        assertRefused(
                () -> scheduleVersion(a, 1),
                ErrorCode.INCORRECT_STATE,
                "must be ACTIVE to schedule the deletion of a version");
        assertRefused(
                () -> deletion.cancelVersionDeletion(a.secret, a.versions, 1),
                ErrorCode.INCORRECT_STATE,
                "must be ACTIVE to cancel the deletion of a version");
    }
}
