package io.coffer.secret.control;

import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.InvalidParameterException;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/**
 * Finds secrets and keys: by the resource's route in the base store, then in its shard. A resource of another
 * tenancy, or none at all, is the same 404. The control plane uses the instance methods (remote stores, in the
 * caller's transaction); the data plane uses the static ones on whichever store its accessor picked, so both find a
 * secret and its versions the same way.
 */
@ApplicationScoped
public class SecretDirectory {

    @Inject
    ShardRouter router;

    /** A secret of the tenancy, with the shard it lives on. */
    public record Located(Secret secret, StoreId store) {
        public String id() {
            return secret.id();
        }
    }

    public Located secret(String tenancyId, String secretId) {
        ResourceRoute route = secretRoute(tenancyId, secretId);
        Secret secret = router.shard(route.store()).find(Secret.class, secretId);
        if (secret == null) {
            throw CofferException.notFound("secret " + secretId);
        }
        return new Located(secret, route.store());
    }

    /** The route of a secret of the tenancy: the shard it lives on; 404 for none or another tenancy's. */
    public ResourceRoute secretRoute(String tenancyId, String secretId) {
        return visible(route(secretId), ResourceKind.SECRET, tenancyId, secretId);
    }

    /** The secret, locked for the rest of the transaction: every change to a secret or its versions goes through this. */
    public Located secretForUpdate(String tenancyId, String secretId) {
        Located located = secret(tenancyId, secretId);
        router.shard(located.store()).lock(located.secret(), LockModeType.PESSIMISTIC_WRITE);
        return located;
    }

    public List<SecretVersion> versions(Located located) {
        return versionsOf(router.shard(located.store()), located.id());
    }

    /** The key a new secret is sealed with (its id already checked): the tenancy's, in the same vault, enabled. */
    public MasterKey key(String tenancyId, String vaultId, String keyId) {
        ResourceRoute route = visible(route(keyId), ResourceKind.KEY, tenancyId, keyId);
        if (!route.vaultId().equals(vaultId)) {
            throw new InvalidParameterException("keyId " + keyId + " is not a key of vault " + vaultId);
        }
        MasterKey key = router.shard(route.store()).find(MasterKey.class, keyId);
        if (key == null) {
            throw CofferException.notFound("key " + keyId);
        }
        key.requireEnabled("seal secrets with");
        return key;
    }

    /** The current version of the secret's key, which seals its new versions; the key must still be enabled. */
    public MasterKeyVersion sealingKeyVersion(Located located) {
        MasterKey key = router.shard(located.store())
                .find(MasterKey.class, located.secret().keyId());
        if (key == null) {
            throw new IllegalStateException("the key of secret " + located.id() + " is missing");
        }
        key.requireEnabled("seal new versions with");
        return keyVersion(located.store(), key.currentVersionId());
    }

    public MasterKeyVersion keyVersion(StoreId store, String keyVersionId) {
        MasterKeyVersion version = router.shard(store).find(MasterKeyVersion.class, keyVersionId);
        if (version == null) {
            throw new IllegalStateException("master key version " + keyVersionId + " is missing from store " + store);
        }
        return version;
    }

    /** Routes never change once written: read outside the caller's transaction, which writes the resource's shard. */
    private ResourceRoute route(String resourceId) {
        return resourceId == null
                ? null
                : router.readRemote(StoreId.BASE, base -> base.find(ResourceRoute.class, resourceId));
    }

    /** The route found for a resource (null: none), if it routes a resource of this kind and tenancy; else 404. */
    public static ResourceRoute visible(ResourceRoute route, ResourceKind kind, String tenancyId, String resourceId) {
        if (route == null || route.kind() != kind || !route.tenancyId().equals(tenancyId)) {
            throw CofferException.notFound(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + resourceId);
        }
        return route;
    }

    /** Every version of a secret, tombstones included, by number. */
    public static List<SecretVersion> versionsOf(EntityManager store, String secretId) {
        return store.createNamedQuery(SecretVersion.OF_SECRET, SecretVersion.class)
                .setParameter("secretId", secretId)
                .getResultList();
    }
}
