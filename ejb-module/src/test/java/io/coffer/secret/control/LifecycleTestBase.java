package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.b64;

import io.coffer.secret.control.SecretFixtures.Aggregate;
import io.coffer.secret.control.SecretFixtures.FakeSealer;
import io.coffer.secret.control.SecretFixtures.TestClock;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.secret.entity.wire.SecretContentDetails;
import io.coffer.secret.entity.wire.UpdateSecretDetails;
import java.util.List;
import java.util.Optional;

/** A lifecycle on a test clock, with helpers that drive it the way the facade will. */
abstract class LifecycleTestBase {

    final TestClock clock = new TestClock(T0);
    final FakeSealer sealer = new FakeSealer();
    final SecretCreation creation = new SecretCreation(clock);
    final SecretUpdate updates = new SecretUpdate(clock);
    final SecretRotation rotation = new SecretRotation(clock);
    final SecretDeletion deletion = new SecretDeletion(clock);
    final ContentReadability readability = new ContentReadability(clock);
    final DeletionHousekeeping housekeeping = new DeletionHousekeeping(clock);

    Aggregate create(CreateSecretDetails details) {
        Aggregate aggregate = new Aggregate(creation.create(SecretFixtures.TENANCY, details, List.of(), sealer));
        aggregate.secret.activate();
        return aggregate;
    }

    Aggregate create(String content) {
        return create(SecretFixtures.createDetails("db-password", content));
    }

    static UpdateSecretDetails content(String text, String stage, String name) {
        return new UpdateSecretDetails(
                null,
                null,
                null,
                null,
                null,
                new SecretContentDetails("BASE64", text == null ? null : b64(text), name, stage),
                null,
                null,
                null,
                null,
                null);
    }

    static UpdateSecretDetails promote(long number) {
        return new UpdateSecretDetails(number, null, null, null, null, null, null, null, null, null, null);
    }

    static UpdateSecretDetails rules(SecretRule... rules) {
        return new UpdateSecretDetails(null, null, null, null, null, null, null, null, List.of(rules), null, null);
    }

    Optional<SecretVersion> update(Aggregate aggregate, UpdateSecretDetails details) {
        Optional<SecretVersion> added =
                updates.update(aggregate.secret, aggregate.versions, details, sealer, SecretFixtures.digestMatcher());
        added.ifPresent(aggregate.versions::add);
        return added;
    }

    SecretVersion add(Aggregate aggregate, String text, String stage) {
        return update(aggregate, content(text, stage, null)).orElseThrow();
    }

    static String opened(SecretVersion version) {
        return FakeSealer.openText(version.encryptedContent());
    }
}
