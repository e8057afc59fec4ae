package io.coffer.secret.control;

import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.secret.control.VersionStages.NewContent;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * RotateSecret and CancelSecretRotation; a scheduled rotation that is due ({@link Secret#isRotationDue}) is the same
 * rotation, run by the cell's leading host. Coffer rotates what it generates itself: an
 * auto-generated secret gets a new CURRENT version of freshly generated content (the old current one becomes PREVIOUS)
 * and its next scheduled rotation; it cannot reach target systems, so any other secret is refused with
 * IncorrectState.
 */
@Dependent
public class SecretRotation {

    private final Clock clock;
    private final SecretGenerator generator;

    @Inject
    public SecretRotation(Clock clock) {
        this(clock, new SecretGenerator());
    }

    public SecretRotation(Clock clock, SecretGenerator generator) {
        this.clock = clock;
        this.generator = generator;
    }

    /** RotateSecret: the new CURRENT version, to persist. */
    public SecretVersion rotate(
            Secret secret, List<SecretVersion> versions, SecretSealer sealer, PriorContentMatcher matcher) {
        secret.requireActive("be rotated");
        if (!secret.rotation().autoGenerationEnabled()) {
            RotationConfig rotation = secret.rotation().rotationConfig();
            if (rotation != null && rotation.targetSystemDetails() != null) {
                throw new IncorrectStateException("Secret " + secret.id()
                        + " is not auto-generated and Coffer cannot reach its target system ("
                        + rotation.targetSystemDetails().targetSystemType() + "), so it cannot rotate it; enable "
                        + "auto-generation, or upload new content with UpdateSecret");
            }
            throw new IncorrectStateException("Secret " + secret.id()
                    + " is not auto-generated and has no target system, so there is nothing to rotate it with; "
                    + "enable auto-generation, or upload new content with UpdateSecret");
        }
        Instant now = clock.instant();
        SecretRuleSet rules = SecretRuleSet.of(secret);
        VersionStages.checkCanAdd(secret, versions, null);
        byte[] plaintext = generator.generate(secret.rotation().generationContext());
        rules.checkReuse(secret, versions, plaintext, matcher);
        SecretVersion rotated = VersionStages.add(
                secret, versions, new NewContent(plaintext, true, null, Stage.CURRENT), now, rules, sealer);
        secret.rotation()
                .rotated(now, RotationRules.nextRotation(secret.rotation().rotationConfig(), now));
        return rotated;
    }

    /** CancelSecretRotation: scheduled rotation is switched off (OCI: all future rotations are disabled). */
    public void cancelRotation(Secret secret) {
        secret.requireActive("cancel its rotation");
        RotationConfig rotation = secret.rotation().rotationConfig();
        if (rotation != null && rotation.scheduled()) {
            secret.rotation().configure(rotation.withScheduledRotation(false), null);
        }
    }
}
