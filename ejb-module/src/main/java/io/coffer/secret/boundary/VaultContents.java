package io.coffer.secret.boundary;

import io.coffer.key.entity.MasterKey;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.DeletionHousekeeping;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deleted vault holds in its shard (keys, secrets and their versions), deleted in a transaction of its own on
 * that shard: a transaction writes one store, and the vault itself is in the base store. Deleting twice is harmless,
 * so the vault is marked deleted only after this committed, and a crash in between repeats it on the next pass.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class VaultContents {

    @Inject
    ShardRouter router;

    @Inject
    DeletionHousekeeping deletions;

    @Inject
    Clock clock;

    /** @return the secrets deleted now, whose names the caller frees in the base store */
    public List<Secret> delete(StoreId store, String vaultId) {
        EntityManager shard = router.shard(store);
        for (MasterKey key : shard.createQuery("SELECT k FROM MasterKey k WHERE k.vaultId = :vault", MasterKey.class)
                .setParameter("vault", vaultId)
                .getResultList()) {
            key.markDeleted(clock.instant());
        }
        List<Secret> deleted = new ArrayList<>();
        for (Secret secret : shard.createQuery("SELECT s FROM Secret s WHERE s.vaultId = :vault", Secret.class)
                .setParameter("vault", vaultId)
                .getResultList()) {
            if (secret.lifecycleState() != SecretLifecycleState.DELETED) {
                deletions.deleteWithVault(secret, SecretDirectory.versionsOf(shard, secret.id()));
                deleted.add(secret);
            }
        }
        return deleted;
    }
}
