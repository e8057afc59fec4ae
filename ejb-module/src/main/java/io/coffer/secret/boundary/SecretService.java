package io.coffer.secret.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.failure.StoreFailures;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.secret.entity.SecretNameRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.control.SecretDirectory.Located;
import io.coffer.secret.control.SecretLifecycle;
import io.coffer.secret.control.SecretListing;
import io.coffer.secret.control.VersionListing;
import io.coffer.secret.entity.wire.ChangeSecretCompartmentDetails;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.secret.entity.wire.ScheduleSecretDeletionDetails;
import io.coffer.secret.entity.wire.ScheduleSecretVersionDeletionDetails;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.UpdateSecretDetails;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Vaults service's secret operations for the caller's tenancy. Each method reads like its use case: check the
 * retry token, find (and lock) the secret, let {@link SecretLifecycle} apply the rules, store, remember the token.
 * Every write goes to the remote stores; the data plane reads through {@code SecretBundleService}.
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
    SecretLifecycle lifecycle;

    @Inject
    SecretCrypto crypto;

    @Inject
    RetryTokens retries;

    @Inject
    Clock clock;

    /** A secret with its decrypted metadata, ready to be shown to its tenancy. */
    public record SecretWithMetadata(Secret secret, Map<String, Object> metadata) {
    }

    public SecretWithMetadata create(String tenancyId, CreateSecretDetails details, RetryToken retry) {
        if (details == null) {
            throw CofferException.missing("CreateSecretDetails");
        }
        Optional<String> previous = retries.previous(tenancyId, retry);
        if (previous.isPresent()) {
            return get(tenancyId, previous.get());
        }
        checkCompartment(tenancyId, details.compartmentId());
        if (details.vaultId() == null || details.vaultId().isBlank()) {
            throw CofferException.missing("vaultId");
        }
        Vault vault = vaults.visibleForUpdate(tenancyId, details.vaultId());
        vault.requireActive();
        MasterKey key = secrets.key(tenancyId, vault.id(), details.keyId());
        EntityManager shard = router.shard(vault.store());
        MasterKeyVersion current = secrets.keyVersion(vault.store(), key.currentVersionId());
        List<Secret> namesakes = details.secretName() == null ? List.of()
                : shard.createNamedQuery(Secret.BY_VAULT_AND_NAME, Secret.class)
                        .setParameter("vaultId", vault.id()).setParameter("name", details.secretName()).getResultList();
        SecretLifecycle.NewSecret created = lifecycle.create(tenancyId, details, namesakes, crypto.sealer(current));
        Secret secret = created.secret();
        shard.persist(secret);
        shard.persist(created.firstVersion());
        EntityManager base = router.base();
        base.persist(new ResourceRoute(secret.id(), ResourceKind.SECRET, tenancyId, vault.id(), vault.store(), clock.instant()));
        claimName(base, vault.id(), secret);
        shard.flush();
        retries.remember(tenancyId, retry, secret.id());
        return new SecretWithMetadata(secret, metadata(secret, vault.store()));
    }

    public SecretWithMetadata get(String tenancyId, String secretId) {
        Located located = secrets.secret(tenancyId, secretId);
        return new SecretWithMetadata(located.secret(), metadata(located.secret(), located.store()));
    }

    public Page<Secret> list(String tenancyId, String compartmentId, String vaultId, String name, String lifecycleState,
            String sortBy, String sortOrder, Integer limit, String page) {
        checkCompartment(tenancyId, compartmentId);
        SecretListing.Criteria criteria = SecretListing.criteria(tenancyId, compartmentId, vaultId, name, lifecycleState,
                sortBy, sortOrder, limit, page);
        SecretListing.Query query = SecretListing.query(criteria);
        List<Secret> rows = new ArrayList<>();
        for (StoreId shard : shardsOf(tenancyId, criteria.vaultId())) {
            TypedQuery<Secret> typed = router.shard(shard).createQuery(query.jpql(), Secret.class);
            query.parameters().forEach(typed::setParameter);
            rows.addAll(typed.setMaxResults(query.maxResults()).getResultList());
        }
        rows.sort(SecretListing.order(criteria));
        return SecretListing.page(criteria, rows.size() > query.maxResults() ? rows.subList(0, query.maxResults()) : rows);
    }

    public SecretWithMetadata update(String tenancyId, String secretId, UpdateSecretDetails details, String ifMatch,
            RetryToken retry) {
        if (retries.previous(tenancyId, retry).isPresent()) {
            return get(tenancyId, secretId);
        }
        Located located = secrets.secretForUpdate(tenancyId, secretId);
        Secret secret = located.secret();
        Etags.check(ifMatch, secret.id(), secret.version());
        List<SecretVersion> versions = secrets.versions(located);
        MasterKeyVersion current = currentKeyVersion(located);
        Optional<SecretVersion> added = lifecycle.update(secret, versions, details, crypto.sealer(current),
                crypto.priorContent(id -> secrets.keyVersion(located.store(), id)));
        EntityManager shard = router.shard(located.store());
        added.ifPresent(shard::persist);
        if (added.isPresent() || details.currentVersionNumber() != null) {
            secret.beginUpdate();
        }
        shard.flush();
        retries.remember(tenancyId, retry, secret.id());
        return new SecretWithMetadata(secret, metadata(secret, located.store()));
    }

    public SecretWithMetadata scheduleDeletion(String tenancyId, String secretId, ScheduleSecretDeletionDetails details,
            String ifMatch, RetryToken retry) {
        return change(tenancyId, secretId, ifMatch, retry, located -> lifecycle.scheduleDeletion(located.secret(), details));
    }

    public SecretWithMetadata cancelDeletion(String tenancyId, String secretId, String ifMatch, RetryToken retry) {
        return change(tenancyId, secretId, ifMatch, retry, located -> lifecycle.cancelDeletion(located.secret()));
    }

    public SecretWithMetadata changeCompartment(String tenancyId, String secretId, ChangeSecretCompartmentDetails details,
            String ifMatch, RetryToken retry) {
        checkCompartment(tenancyId, details == null ? null : details.compartmentId());
        return change(tenancyId, secretId, ifMatch, retry, located -> lifecycle.changeCompartment(located.secret(), details));
    }

    public SecretWithMetadata cancelRotation(String tenancyId, String secretId, String ifMatch) {
        return change(tenancyId, secretId, ifMatch, RetryToken.NONE, located -> lifecycle.cancelRotation(located.secret()));
    }

    public SecretWithMetadata rotate(String tenancyId, String secretId, String ifMatch, RetryToken retry) {
        return change(tenancyId, secretId, ifMatch, retry, located -> {
            List<SecretVersion> versions = secrets.versions(located);
            SecretVersion rotated = lifecycle.rotate(located.secret(), versions, crypto.sealer(currentKeyVersion(located)),
                    crypto.priorContent(id -> secrets.keyVersion(located.store(), id)));
            router.shard(located.store()).persist(rotated);
            located.secret().beginUpdate();
        });
    }

    public SecretVersion scheduleVersionDeletion(String tenancyId, String secretId, long versionNumber,
            ScheduleSecretVersionDeletionDetails details, String ifMatch, RetryToken retry) {
        change(tenancyId, secretId, ifMatch, retry, located ->
                lifecycle.scheduleVersionDeletion(located.secret(), secrets.versions(located), versionNumber, details));
        return version(tenancyId, secretId, versionNumber);
    }

    public SecretVersion cancelVersionDeletion(String tenancyId, String secretId, long versionNumber, String ifMatch,
            RetryToken retry) {
        change(tenancyId, secretId, ifMatch, retry, located ->
                lifecycle.cancelVersionDeletion(located.secret(), secrets.versions(located), versionNumber));
        return version(tenancyId, secretId, versionNumber);
    }

    public SecretVersion version(String tenancyId, String secretId, long versionNumber) {
        Located located = secrets.secret(tenancyId, secretId);
        return lifecycle.version(located.secret(), secrets.versions(located), versionNumber);
    }

    public Page<SecretVersion> versions(String tenancyId, String secretId, String sortBy, String sortOrder, Integer limit,
            String page) {
        Located located = secrets.secret(tenancyId, secretId);
        return VersionListing.page(secrets.versions(located), sortBy, sortOrder, limit, page);
    }

    /** Secret id → its etag, for responses that return a version but change the secret. */
    public String etagOf(Secret secret) {
        return Etags.of(secret.id(), secret.version());
    }

    private SecretWithMetadata change(String tenancyId, String secretId, String ifMatch, RetryToken retry,
            java.util.function.Consumer<Located> action) {
        if (retries.previous(tenancyId, retry).isPresent()) {
            return get(tenancyId, secretId);
        }
        Located located = secrets.secretForUpdate(tenancyId, secretId);
        Etags.check(ifMatch, located.id(), located.secret().version());
        action.accept(located);
        router.shard(located.store()).flush();
        retries.remember(tenancyId, retry, located.id());
        return new SecretWithMetadata(located.secret(), metadata(located.secret(), located.store()));
    }

    private MasterKeyVersion currentKeyVersion(Located located) {
        MasterKey key = router.shard(located.store()).find(MasterKey.class, located.secret().keyId());
        if (key == null) {
            throw new IllegalStateException("the key of secret " + located.id() + " is missing");
        }
        key.requireEnabled("seal new versions with");
        return secrets.keyVersion(located.store(), key.currentVersionId());
    }

    private Map<String, Object> metadata(Secret secret, StoreId store) {
        String keyVersionId = crypto.metadataKeyVersionId(secret);
        if (keyVersionId == null) {
            return null;
        }
        byte[] json = crypto.openMetadata(secret, secrets.keyVersion(store, keyVersionId));
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            JsonObject object = reader.readObject();
            return jakarta.json.bind.JsonbBuilder.create().fromJson(object.toString(),
                    new java.util.LinkedHashMap<String, Object>() { }.getClass().getGenericSuperclass());
        }
    }

    /** Names are unique per vault: the name route's primary key decides, in the same transaction. */
    private void claimName(EntityManager base, String vaultId, Secret secret) {
        SecretNameRoute existing = base.find(SecretNameRoute.class, SecretNameRoute.key(vaultId, secret.name()));
        if (existing != null) {
            throw new CofferException(ErrorCode.CONFLICT, "A secret named '" + secret.name() + "' already exists in vault " + vaultId);
        }
        try {
            base.persist(new SecretNameRoute(vaultId, secret.name(), secret.id()));
            base.flush();
        } catch (PersistenceException raced) {
            if (!StoreFailures.isDuplicateKey(raced)) {
                throw raced;
            }
            throw new CofferException(ErrorCode.CONFLICT, "A secret named '" + secret.name() + "' already exists in vault " + vaultId, raced);
        }
    }

    /** The shards to list from: the vault's, or every shard holding a vault of the tenancy. */
    private Set<StoreId> shardsOf(String tenancyId, String vaultId) {
        Set<StoreId> shards = new LinkedHashSet<>();
        if (vaultId != null) {
            shards.add(vaults.visible(tenancyId, vaultId).store());
            return shards;
        }
        for (String store : router.base().createQuery("SELECT DISTINCT r.store FROM ResourceRoute r"
                + " WHERE r.tenancyId = :tenancy AND r.kind = :kind", String.class)
                .setParameter("tenancy", tenancyId).setParameter("kind", ResourceKind.VAULT).getResultList()) {
            shards.add(StoreId.of(store));
        }
        return shards;
    }

    private static void checkCompartment(String tenancyId, String compartmentId) {
        if (compartmentId == null || compartmentId.isBlank()) {
            throw CofferException.missing("compartmentId");
        }
        if (!compartmentId.equals(tenancyId)) {
            throw CofferException.notFound("compartment " + compartmentId);
        }
    }
}
