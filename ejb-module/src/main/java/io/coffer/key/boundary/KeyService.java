package io.coffer.key.boundary;

import io.coffer.key.control.KeyMaterial;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.key.entity.wire.CreateKeyDetails;
import io.coffer.key.entity.wire.UpdateKeyDetails;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.resource.boundary.RouteWrites;
import io.coffer.resource.control.Compartments;
import io.coffer.resource.control.NewestFirstPages;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Master keys of a vault and their versions, as the KMS management API (reached through the vault's management
 * endpoint) offers them: create, read, list, update, rotate (create a version), read and list versions.
 */
@Stateless
public class KeyService {

    @Inject
    ShardRouter router;

    @Inject
    VaultDirectory vaults;

    @Inject
    KeyMaterial material;

    @Inject
    RetryTokens retries;

    @EJB
    RouteWrites routes;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    /** A key of a visible vault, with the vault (whose shard holds the key). */
    private record Located(Vault vault, MasterKey key) {
        EntityManager shard(ShardRouter router) {
            return router.shard(vault.store());
        }
    }

    /**
     * CreateKey; the request's shape is checked at the boundary (see {@code KeyShape}). Two transactions, one per
     * store, one after the other and never nested: the route on the base store, then the key on its shard
     * ({@link #storeNew}). A route whose key never came to be answers 404, like no route.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MasterKey create(String tenancyId, String vaultId, CreateKeyDetails details, RetryToken retry) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        Compartments.requireOwn(vault.compartmentId(), details.compartmentId());
        Optional<String> previous = retries.previous(vault.store(), tenancyId, retry);
        if (previous.isPresent()) {
            return self().get(tenancyId, vaultId, previous.get());
        }
        vault.requireActive();
        Instant now = clock.instant();
        MasterKey key = new MasterKey(
                tenancyId,
                vault.compartmentId(),
                vault.id(),
                details.displayName(),
                details.protectionMode(),
                ResourceTags.of("a key", details.freeformTags(), details.definedTags()),
                now);
        routes.add(new ResourceRoute(key.id(), ResourceKind.KEY, tenancyId, vault.id(), vault.store(), now));
        try {
            self().storeNew(vault.store(), key, tenancyId, retry, now);
        } catch (RuntimeException failure) {
            // The commit's outcome may be unknown (a connection lost during it): take back only a route without a key.
            if (!onShard(vault.store(), key.id())) {
                routes.remove(key.id());
            }
            throw failure;
        }
        return key;
    }

    /** CreateKey's second step, in a transaction of its own on the key's shard: the key, its first version, the token. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void storeNew(StoreId store, MasterKey key, String tenancyId, RetryToken retry, Instant now) {
        EntityManager shard = router.shard(store);
        shard.persist(key);
        key.rotatedTo(newVersion(shard, key, now));
        shard.flush();
        retries.remember(store, tenancyId, retry, key.id());
    }

    /** Whether the shard has the key; when that cannot be read, yes (a route without a key answers 404 anyway). */
    private boolean onShard(StoreId store, String keyId) {
        try {
            return router.readRemote(store, shard -> shard.find(MasterKey.class, keyId)) != null;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private KeyService self() {
        return context.getBusinessObject(KeyService.class);
    }

    public MasterKey get(String tenancyId, String vaultId, String keyId) {
        return located(tenancyId, vaultId, keyId).key();
    }

    public Page<MasterKey> list(String tenancyId, String vaultId, String compartmentId, Integer limit, String page) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        Compartments.requireOwn(vault.compartmentId(), compartmentId);
        return NewestFirstPages.page(
                router.shard(vault.store()),
                MasterKey.class,
                "keys",
                "r.vaultId = :vault",
                Map.of("vault", vault.id()),
                limit,
                page);
    }

    public MasterKey update(String tenancyId, String vaultId, String keyId, UpdateKeyDetails details, String ifMatch) {
        Located located = locked(tenancyId, vaultId, keyId);
        MasterKey key = located.key();
        Etags.check(ifMatch, key.id(), key.version());
        key.update(details.displayName(), details.freeformTags(), details.definedTags());
        located.shard(router).flush();
        return key;
    }

    /** Rotation: a new version that seals from now on; the older ones keep opening what they sealed. */
    public MasterKeyVersion createVersion(String tenancyId, String vaultId, String keyId, RetryToken retry) {
        Optional<String> previous =
                retries.previous(vaults.visible(tenancyId, vaultId).store(), tenancyId, retry);
        if (previous.isPresent()) {
            return getVersion(tenancyId, vaultId, keyId, previous.get());
        }
        Located located = locked(tenancyId, vaultId, keyId);
        located.vault().requireActive();
        EntityManager shard = located.shard(router);
        MasterKeyVersion version = newVersion(shard, located.key(), clock.instant());
        located.key().rotatedTo(version);
        shard.flush();
        retries.remember(located.vault().store(), tenancyId, retry, version.id());
        return version;
    }

    public MasterKeyVersion getVersion(String tenancyId, String vaultId, String keyId, String versionId) {
        Located located = located(tenancyId, vaultId, keyId);
        MasterKeyVersion version =
                versionId == null ? null : located.shard(router).find(MasterKeyVersion.class, versionId);
        if (version == null || !version.keyId().equals(located.key().id())) {
            throw CofferException.notFound("key version " + versionId);
        }
        return version;
    }

    public Page<MasterKeyVersion> listVersions(
            String tenancyId, String vaultId, String keyId, Integer limit, String page) {
        Located located = located(tenancyId, vaultId, keyId);
        return NewestFirstPages.page(
                located.shard(router),
                MasterKeyVersion.class,
                "keyversions",
                "r.keyId = :key",
                Map.of("key", located.key().id()),
                limit,
                page);
    }

    private Located located(String tenancyId, String vaultId, String keyId) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        MasterKey key = keyId == null ? null : router.shard(vault.store()).find(MasterKey.class, keyId);
        if (key == null || !key.vaultId().equals(vault.id())) {
            throw CofferException.notFound("key " + keyId);
        }
        return new Located(vault, key);
    }

    private Located locked(String tenancyId, String vaultId, String keyId) {
        Located located = located(tenancyId, vaultId, keyId);
        located.shard(router).lock(located.key(), LockModeType.PESSIMISTIC_WRITE);
        return located;
    }

    private MasterKeyVersion newVersion(EntityManager shard, MasterKey key, Instant now) {
        String versionId = MasterKeyVersion.newId();
        KeyMaterial.Wrapped wrapped = material.create(key.id(), versionId);
        MasterKeyVersion version = new MasterKeyVersion(versionId, key, wrapped.material(), wrapped.rootKeyId(), now);
        shard.persist(version);
        return version;
    }
}
