package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ConflictException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.failure.LimitExceededException;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How versions and their rotation states change (OCI "Secret Versions and Rotation States"):
 * <ul>
 * <li>A new version gets the next number and {@code LATEST}, which leaves the version that had it. Added as
 * {@code CURRENT} (the default), it becomes current, the old current becomes {@code PREVIOUS} and the old previous
 * loses that state. Added as {@code PENDING}, it is staged: the current version stays current and an older pending
 * version stops being pending.</li>
 * <li>Making version n current (promoting a pending version or rolling back to an older one): n becomes
 * {@code CURRENT} and loses PENDING and PREVIOUS; the old current becomes {@code PREVIOUS}.</li>
 * <li>A version that is none of CURRENT, PENDING and PREVIOUS is {@code DEPRECATED}. Only a DEPRECATED version that
 * is not LATEST can be scheduled for deletion; deleting it changes no other version's states.</li>
 * <li>At most {@value #MAX_IN_ACTIVE_USE} versions are in active use and at most {@value #MAX_PENDING_DELETION}
 * pending deletion (OCI's limits per secret): the next one is LimitExceeded.</li>
 * <li>A version name is unique among the versions of its secret that are not deleted.</li>
 * </ul>
 */
final class VersionStages {

    static final int MAX_IN_ACTIVE_USE = 30;
    static final int MAX_PENDING_DELETION = 30;

    /** The plaintext of a new version and how it enters the secret. */
    record NewContent(byte[] plaintext, boolean generated, String name, Stage stage) {

        NewContent {
            Objects.requireNonNull(plaintext);
            if (stage != Stage.CURRENT && stage != Stage.PENDING) {
                throw new IllegalArgumentException("a new version is CURRENT or PENDING");
            }
        }

        @Override
        public String toString() {
            return "NewContent[" + stage + (generated ? ", generated" : "") + "]";
        }
    }

    private VersionStages() {}

    /** Refuses a new version that the limits or an existing name forbid, before anything changes. */
    static void checkCanAdd(Secret secret, List<SecretVersion> versions, String name) {
        requireBelowLimit(
                secret,
                versions,
                SecretVersion::isInActiveUse,
                MAX_IN_ACTIVE_USE,
                "in active use, the most allowed; schedule the deletion of a deprecated version first");
        if (name != null && versions.stream().anyMatch(v -> !v.isDeleted() && name.equals(v.name()))) {
            throw new ConflictException("Secret " + secret.id() + " already has a version named '" + name + "'");
        }
    }

    /**
     * Adds a version the caller has already checked ({@link #checkCanAdd}, and the reuse rule for new content): seals
     * the content, gives it its stages and expiry and moves the other versions' stages. The returned version is new
     * and must be persisted; the others are changed in place.
     */
    static SecretVersion add(
            Secret secret,
            List<SecretVersion> versions,
            NewContent content,
            Instant now,
            SecretRuleSet rules,
            SecretSealer sealer) {
        long number = secret.latestVersionNumber() + 1;
        SealedContent sealed = sealer.sealContent(secret, number, content.plaintext());
        if (secret.allocateVersionNumber() != number) {
            throw new IllegalStateException("version numbers of " + secret.id() + " moved while sealing");
        }
        SecretVersion added = new SecretVersion(secret.id(), number, content.name(), now, content.generated(), sealed);
        added.expireAt(rules.expiryOf(added.timeCreated()));
        for (SecretVersion version : versions) {
            version.removeStage(Stage.LATEST);
        }
        added.addStage(Stage.LATEST);
        if (content.stage() == Stage.CURRENT) {
            moveCurrentTo(secret, versions, added);
        } else {
            for (SecretVersion version : versions) {
                version.removeStage(Stage.PENDING);
            }
            added.addStage(Stage.PENDING);
        }
        versions.forEach(SecretVersion::settleDeprecation);
        added.settleDeprecation();
        return added;
    }

    /** Refuses to make version n current unless it exists and is not pending deletion; returns it. */
    static SecretVersion checkCanPromote(Secret secret, List<SecretVersion> versions, long number) {
        SecretVersion target = versions.stream()
                .filter(v -> v.versionNumber() == number && !v.isDeleted())
                .findFirst()
                .orElseThrow(() -> CofferException.invalid(
                        "currentVersionNumber " + number + " is not a version of secret " + secret.id()));
        if (target.isPendingDeletion()) {
            throw new IncorrectStateException("Secret version " + number
                    + " is scheduled for deletion; cancel its deletion before making it current");
        }
        return target;
    }

    /** Makes a version {@link #checkCanPromote} returned the current one. */
    static void promote(Secret secret, List<SecretVersion> versions, SecretVersion target) {
        if (target.hasStage(Stage.CURRENT)) {
            return;
        }
        moveCurrentTo(secret, versions, target);
        versions.forEach(SecretVersion::settleDeprecation);
    }

    /** The old current version becomes PREVIOUS (the old previous one loses it), the target CURRENT. */
    private static void moveCurrentTo(Secret secret, List<SecretVersion> versions, SecretVersion target) {
        SecretVersion oldCurrent = current(secret, versions);
        for (SecretVersion version : versions) {
            version.removeStage(Stage.PREVIOUS);
        }
        if (oldCurrent != null) {
            oldCurrent.removeStage(Stage.CURRENT);
            oldCurrent.addStage(Stage.PREVIOUS);
        }
        target.removeStage(Stage.PENDING);
        target.addStage(Stage.CURRENT);
        secret.makeCurrent(target.versionNumber(), target.timeOfExpiry());
    }

    /** Refuses to schedule the deletion of a version that OCI keeps: in use, latest, already pending, over the limit. */
    static SecretVersion checkCanScheduleDeletion(Secret secret, List<SecretVersion> versions, long number) {
        SecretVersion version = live(secret, versions, number);
        if (version.isPendingDeletion()) {
            throw new IncorrectStateException("Secret version " + number + " is already scheduled for deletion at "
                    + Rfc3339.format(version.timeOfDeletion()));
        }
        for (Stage stage : Stage.IN_USE) {
            if (version.hasStage(stage)) {
                throw new IncorrectStateException("Secret version " + number + " is " + stage
                        + "; only DEPRECATED secret versions can be scheduled for deletion");
            }
        }
        if (version.hasStage(Stage.LATEST)) {
            throw new IncorrectStateException("Secret version " + number
                    + " is the LATEST version of its secret and cannot be scheduled for deletion");
        }
        requireBelowLimit(
                secret,
                versions,
                SecretVersion::isPendingDeletion,
                MAX_PENDING_DELETION,
                "pending deletion, the most allowed");
        return version;
    }

    /** Refuses to cancel a deletion that is not scheduled, or that would exceed the versions in active use. */
    static SecretVersion checkCanCancelDeletion(Secret secret, List<SecretVersion> versions, long number) {
        SecretVersion version = live(secret, versions, number);
        if (!version.isPendingDeletion()) {
            throw new IncorrectStateException(
                    "Secret version " + number + " is not scheduled for deletion, so there is no deletion to cancel");
        }
        requireBelowLimit(
                secret,
                versions,
                SecretVersion::isInActiveUse,
                MAX_IN_ACTIVE_USE,
                "in active use; cancelling this deletion would exceed it");
        return version;
    }

    /** LimitExceeded when {@code limit} of the secret's versions already are what {@code counted} says. */
    private static void requireBelowLimit(
            Secret secret, List<SecretVersion> versions, Predicate<SecretVersion> counted, int limit, String what) {
        if (versions.stream().filter(counted).count() >= limit) {
            throw new LimitExceededException(
                    "Secret " + secret.id() + " already has " + limit + " secret versions " + what);
        }
    }

    /** Version n of the secret unless it is deleted or never existed (then NotAuthorizedOrNotFound). */
    static SecretVersion live(Secret secret, List<SecretVersion> versions, long number) {
        return versions.stream()
                .filter(v -> v.versionNumber() == number && !v.isDeleted())
                .findFirst()
                .orElseThrow(() -> CofferException.notFound("Secret version " + number + " of secret " + secret.id()));
    }

    /** Gives every live version the expiry the rules imply, and the secret the expiry of its current version. */
    static void applyExpiry(Secret secret, List<SecretVersion> versions, SecretRuleSet rules) {
        for (SecretVersion version : versions) {
            if (!version.isDeleted()) {
                version.expireAt(rules.expiryOf(version.timeCreated()));
            }
        }
        SecretVersion current = current(secret, versions);
        secret.makeCurrent(secret.currentVersionNumber(), current == null ? null : current.timeOfExpiry());
    }

    private static SecretVersion current(Secret secret, List<SecretVersion> versions) {
        return versions.stream()
                .filter(v -> v.versionNumber() == secret.currentVersionNumber() && !v.isDeleted())
                .findFirst()
                .orElse(null);
    }
}
