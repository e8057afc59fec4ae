package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
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
 * Finds secrets and keys for the control plane, on the remote stores: by the resource's route in the base store,
 * then in its shard. A resource of another tenancy, or none at all, is the same 404.
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
        ResourceRoute route = route(tenancyId, secretId, ResourceKind.SECRET, "secret");
        Secret secret = router.shard(route.store()).find(Secret.class, secretId);
        if (secret == null) {
            throw CofferException.notFound("secret " + secretId);
        }
        return new Located(secret, route.store());
    }

    /** The secret, locked for the rest of the transaction: every change to a secret or its versions goes through this. */
    public Located secretForUpdate(String tenancyId, String secretId) {
        Located located = secret(tenancyId, secretId);
        router.shard(located.store()).lock(located.secret(), LockModeType.PESSIMISTIC_WRITE);
        return located;
    }

    public List<SecretVersion> versions(Located located) {
        return router.shard(located.store()).createNamedQuery(SecretVersion.OF_SECRET, SecretVersion.class)
                .setParameter("secretId", located.id())
                .getResultList();
    }

    /** The key a new secret is sealed with: the tenancy's, in the same vault, enabled. */
    public MasterKey key(String tenancyId, String vaultId, String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw CofferException.missing("keyId");
        }
        ResourceRoute route = route(tenancyId, keyId, ResourceKind.KEY, "key");
        if (!route.vaultId().equals(vaultId)) {
            throw CofferException.invalid("keyId " + keyId + " is not a key of vault " + vaultId);
        }
        MasterKey key = router.shard(route.store()).find(MasterKey.class, keyId);
        if (key == null) {
            throw CofferException.notFound("key " + keyId);
        }
        key.requireEnabled("seal secrets with");
        return key;
    }

    public MasterKeyVersion keyVersion(StoreId store, String keyVersionId) {
        MasterKeyVersion version = router.shard(store).find(MasterKeyVersion.class, keyVersionId);
        if (version == null) {
            throw new IllegalStateException("master key version " + keyVersionId + " is missing from store " + store);
        }
        return version;
    }

    private ResourceRoute route(String tenancyId, String resourceId, ResourceKind kind, String what) {
        EntityManager base = router.base();
        ResourceRoute route = resourceId == null ? null : base.find(ResourceRoute.class, resourceId);
        if (route == null || route.kind() != kind || !route.tenancyId().equals(tenancyId)) {
            throw CofferException.notFound(what + " " + resourceId);
        }
        return route;
    }
}
