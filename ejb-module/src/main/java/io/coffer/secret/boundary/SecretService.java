package io.coffer.secret.boundary;

import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.resource.control.Compartments;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.ContentReadability;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretDeletion;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.control.SecretDirectory.Located;
import io.coffer.secret.control.SecretInputRules;
import io.coffer.secret.control.SecretListing;
import io.coffer.secret.control.SecretRotation;
import io.coffer.secret.control.SecretSealer;
import io.coffer.secret.control.SecretUpdate;
import io.coffer.secret.control.VersionListing;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.ChangeSecretCompartmentDetails;
import io.coffer.secret.entity.wire.ScheduleSecretDeletionDetails;
import io.coffer.secret.entity.wire.ScheduleSecretVersionDeletionDetails;
import io.coffer.secret.entity.wire.UpdateSecretDetails;
import io.coffer.vault.control.VaultDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Vaults service's secret operations for the caller's tenancy. Each method reads like its use case: check the
 * retry token, check the request, find (and lock) the secret, let the control rules change it, store, remember the
 * token. Every write goes to the remote stores; the data plane reads through {@code SecretBundleService}. CreateSecret,
 * which writes two stores, is {@link NewSecrets}.
 */
@Stateless
public class SecretService {

    @Inject
    ShardRouter router;

    @Inject
    VaultDirectory vaults;

    @Inject
    SecretDirectory secrets;

    @Inject
    SecretUpdate updates;

    @Inject
    SecretRotation rotation;

    @Inject
    SecretDeletion deletion;

    @Inject
    ContentReadability readability;

    @Inject
    SecretCrypto crypto;

    @Inject
    RetryTokens retries;

    @Inject
    Clock clock;

    /** A secret with its metadata in plaintext, ready to be shown to its tenancy. */
    public record SecretWithMetadata(Secret secret, Map<String, Object> metadata) {
        @Override
        public String toString() {
            return "SecretWithMetadata[" + secret + "]";
        }
    }

    public SecretWithMetadata get(String tenancyId, String secretId) {
        Located located = secrets.secret(tenancyId, secretId);
        return new SecretWithMetadata(located.secret(), metadata(located));
    }

    /** ListSecrets; {@code criteria} are validated by {@link SecretListing#criteria} with the caller's tenancy. */
    public Page<Secret> list(SecretListing.Criteria criteria) {
        Compartments.requireOwn(criteria.tenancyId(), criteria.compartmentId());
        SecretListing.Query query = SecretListing.query(criteria);
        List<Secret> rows = new ArrayList<>();
        // Each shard read on its own: a transaction may hold one store only (see ShardRouter).
        for (StoreId shard : shardsOf(criteria.tenancyId(), criteria.vaultId())) {
            rows.addAll(router.readRemote(shard, store -> {
                TypedQuery<Secret> typed = store.createQuery(query.jpql(), Secret.class);
                query.parameters().forEach(typed::setParameter);
                return typed.setMaxResults(query.maxResults()).getResultList();
            }));
        }
        rows.sort(SecretListing.order(criteria));
        return SecretListing.page(
                criteria, rows.size() > query.maxResults() ? rows.subList(0, query.maxResults()) : rows);
    }

    public SecretWithMetadata update(
            String tenancyId, String secretId, UpdateSecretDetails details, String ifMatch, RetryToken retry) {
        if (retries.previous(secrets.secretRoute(tenancyId, secretId).store(), tenancyId, retry)
                .isPresent()) {
            return get(tenancyId, secretId);
        }
        Located located = locked(tenancyId, secretId, ifMatch);
        Optional<SecretVersion> added = updates.update(
                located.secret(),
                secrets.versions(located),
                details,
                sealer(located),
                crypto.priorContent(id -> secrets.keyVersion(located.store(), id)));
        added.ifPresent(router.shard(located.store())::persist);
        if (added.isPresent() || details.currentVersionNumber() != null) {
            located.secret().beginUpdate();
        }
        stored(tenancyId, retry, located);
        // Metadata the request just gave is shown as given; it is not decrypted again.
        Map<String, Object> given = details.metadata();
        return new SecretWithMetadata(
                located.secret(), given == null ? metadata(located) : given.isEmpty() ? null : given);
    }

    public SecretWithMetadata scheduleDeletion(
            String tenancyId,
            String secretId,
            ScheduleSecretDeletionDetails details,
            String ifMatch,
            RetryToken retry) {
        return change(
                tenancyId, secretId, ifMatch, retry, located -> deletion.scheduleDeletion(located.secret(), details));
    }

    public SecretWithMetadata cancelDeletion(String tenancyId, String secretId, String ifMatch, RetryToken retry) {
        return change(tenancyId, secretId, ifMatch, retry, located -> deletion.cancelDeletion(located.secret()));
    }

    public SecretWithMetadata changeCompartment(
            String tenancyId,
            String secretId,
            ChangeSecretCompartmentDetails details,
            String ifMatch,
            RetryToken retry) {
        if (details != null) {
            Compartments.requireOwn(tenancyId, details.compartmentId());
        }
        return change(
                tenancyId, secretId, ifMatch, retry, located -> updates.changeCompartment(located.secret(), details));
    }

    public SecretWithMetadata cancelRotation(String tenancyId, String secretId, String ifMatch) {
        return change(
                tenancyId, secretId, ifMatch, RetryToken.NONE, located -> rotation.cancelRotation(located.secret()));
    }

    public SecretWithMetadata rotate(String tenancyId, String secretId, String ifMatch, RetryToken retry) {
        return change(tenancyId, secretId, ifMatch, retry, located -> {
            SecretVersion rotated = rotation.rotate(
                    located.secret(),
                    secrets.versions(located),
                    sealer(located),
                    crypto.priorContent(id -> secrets.keyVersion(located.store(), id)));
            router.shard(located.store()).persist(rotated);
            located.secret().beginUpdate();
        });
    }

    public SecretVersion scheduleVersionDeletion(
            String tenancyId,
            String secretId,
            long versionNumber,
            ScheduleSecretVersionDeletionDetails details,
            String ifMatch,
            RetryToken retry) {
        change(
                tenancyId,
                secretId,
                ifMatch,
                retry,
                located -> deletion.scheduleVersionDeletion(
                        located.secret(), secrets.versions(located), versionNumber, details));
        return version(tenancyId, secretId, versionNumber);
    }

    public SecretVersion cancelVersionDeletion(
            String tenancyId, String secretId, long versionNumber, String ifMatch, RetryToken retry) {
        change(
                tenancyId,
                secretId,
                ifMatch,
                retry,
                located -> deletion.cancelVersionDeletion(located.secret(), secrets.versions(located), versionNumber));
        return version(tenancyId, secretId, versionNumber);
    }

    public SecretVersion version(String tenancyId, String secretId, long versionNumber) {
        Located located = secrets.secret(tenancyId, secretId);
        return readability.version(located.secret(), secrets.versions(located), versionNumber);
    }

    public Page<SecretVersion> versions(
            String tenancyId, String secretId, String sortBy, String sortOrder, Integer limit, String page) {
        Located located = secrets.secret(tenancyId, secretId);
        return VersionListing.page(secrets.versions(located), sortBy, sortOrder, limit, page);
    }

    private SecretWithMetadata change(
            String tenancyId, String secretId, String ifMatch, RetryToken retry, Consumer<Located> action) {
        if (retries.previous(secrets.secretRoute(tenancyId, secretId).store(), tenancyId, retry)
                .isPresent()) {
            return get(tenancyId, secretId);
        }
        Located located = locked(tenancyId, secretId, ifMatch);
        action.accept(located);
        stored(tenancyId, retry, located);
        return new SecretWithMetadata(located.secret(), metadata(located));
    }

    /** The secret, locked for this transaction, if the request's {@code if-match} names its current etag. */
    private Located locked(String tenancyId, String secretId, String ifMatch) {
        Located located = secrets.secretForUpdate(tenancyId, secretId);
        Etags.check(ifMatch, located.id(), located.secret().version());
        return located;
    }

    /** The change is written (so its etag is the new one) and the retry token remembered with it. */
    private void stored(String tenancyId, RetryToken retry, Located located) {
        router.shard(located.store()).flush();
        retries.remember(located.store(), tenancyId, retry, located.id());
    }

    private SecretSealer sealer(Located located) {
        return crypto.sealer(secrets.sealingKeyVersion(located));
    }

    private Map<String, Object> metadata(Located located) {
        String keyVersionId = crypto.metadataKeyVersionId(located.secret());
        if (keyVersionId == null) {
            return null;
        }
        return SecretInputRules.metadataFromJson(
                crypto.openMetadata(located.secret(), secrets.keyVersion(located.store(), keyVersionId)));
    }

    /** The shards to list from: the vault's, or every shard holding a vault of the tenancy. */
    private Set<StoreId> shardsOf(String tenancyId, String vaultId) {
        Set<StoreId> shards = new LinkedHashSet<>();
        if (vaultId != null) {
            shards.add(vaults.visible(tenancyId, vaultId).store());
            return shards;
        }
        for (String store : router.readRemote(
                StoreId.BASE,
                base -> base.createQuery(
                                "SELECT DISTINCT r.store FROM ResourceRoute r"
                                        + " WHERE r.tenancyId = :tenancy AND r.kind = :kind",
                                String.class)
                        .setParameter("tenancy", tenancyId)
                        .setParameter("kind", ResourceKind.VAULT)
                        .getResultList())) {
            shards.add(StoreId.of(store));
        }
        return shards;
    }
}
