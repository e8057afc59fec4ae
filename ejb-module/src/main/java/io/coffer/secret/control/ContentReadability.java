package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** What may be read of a secret: which of its versions exist, and whether a version's content may be handed out. */
@Dependent
public class ContentReadability {

    private final Clock clock;

    @Inject
    public ContentReadability(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether the content of a version may be handed out now (the data plane asks before it decrypts): not while the
     * secret or the version is pending deletion, not for a deleted version, and not after expiry when the expiry rule
     * blocks retrieval.
     */
    public void checkContentReadable(Secret secret, SecretVersion version) {
        SecretLifecycleState state = secret.lifecycleState();
        if (state == SecretLifecycleState.DELETED) {
            throw CofferException.notFound("Secret " + secret.id());
        }
        if (state != SecretLifecycleState.ACTIVE
                && state != SecretLifecycleState.CREATING
                && state != SecretLifecycleState.UPDATING) {
            throw new IncorrectStateException(
                    "Secret " + secret.id() + " is " + state + "; its content cannot be read");
        }
        if (version.isDeleted()) {
            throw CofferException.notFound("Secret version " + version.versionNumber() + " of secret " + secret.id());
        }
        if (version.isPendingDeletion()) {
            throw new IncorrectStateException("Secret version " + version.versionNumber()
                    + " is scheduled for deletion; its content cannot be read");
        }
        SecretRuleSet.of(secret).checkRetrievable(secret, version, clock.instant());
    }

    /** Version n of the secret, or NotAuthorizedOrNotFound when it is deleted or never existed. */
    public SecretVersion version(Secret secret, List<SecretVersion> versions, long versionNumber) {
        return VersionStages.live(secret, versions, versionNumber);
    }
}
