package io.coffer.secret.control;

import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Scheduled deletions happening when their time comes: a secret becomes DELETED with every version's content
 * destroyed; a version's content is destroyed and its digest kept for the reuse rule; a deleted vault takes its
 * secrets along at once.
 */
@Dependent
public class DeletionHousekeeping {

    private final Clock clock;

    @Inject
    public DeletionHousekeeping(Clock clock) {
        this.clock = clock;
    }

    /** What is due for actual deletion at an instant. */
    public record DueDeletions(List<Secret> secrets, List<SecretVersion> versions) {}

    /**
     * Which of these secrets and versions are due for actual deletion now (candidates from the queries
     * {@link Secret#DUE_FOR_DELETION} and {@link SecretVersion#DUE_FOR_DELETION}, or any rows).
     */
    public DueDeletions dueDeletions(Collection<Secret> secrets, Collection<SecretVersion> versions) {
        Instant now = clock.instant();
        return new DueDeletions(
                secrets.stream().filter(s -> s.isDueForDeletion(now)).toList(),
                versions.stream().filter(v -> v.isDueForDeletion(now)).toList());
    }

    /** Deletes a secret whose time has come: DELETED, metadata destroyed, every version's content destroyed. */
    public void completeDeletion(Secret secret, List<SecretVersion> versions) {
        Instant now = clock.instant();
        if (!secret.isDueForDeletion(now)) {
            throw new IncorrectStateException("Secret " + secret.id() + " is not due for deletion");
        }
        secret.completeDeletion();
        for (SecretVersion version : versions) {
            version.completeDeletion(now, false);
        }
    }

    /** Deletes a secret because its vault was deleted: DELETED at once, every version's content destroyed. */
    public void deleteWithVault(Secret secret, List<SecretVersion> versions) {
        Instant now = clock.instant();
        secret.deleteWithVault();
        for (SecretVersion version : versions) {
            version.completeDeletion(now, false);
        }
    }

    /** Deletes a version whose time has come: its content is destroyed, its digest kept for the reuse rule. */
    public void completeVersionDeletion(SecretVersion version) {
        Instant now = clock.instant();
        if (!version.isDueForDeletion(now)) {
            throw new IncorrectStateException("Secret version " + version.id() + " is not due for deletion");
        }
        version.completeDeletion(now, true);
    }
}
