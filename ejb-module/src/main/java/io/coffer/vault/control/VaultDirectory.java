package io.coffer.vault.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import io.coffer.vault.entity.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

/**
 * Finds a tenancy's vault in the base store. A vault of another tenancy, or none at all, is the same 404: the caller
 * learns nothing about vaults it may not see.
 */
@ApplicationScoped
public class VaultDirectory {

    @Inject
    ShardRouter router;

    /** The vault as committed, read outside the caller's transaction unless that transaction writes the base store. */
    public Vault visible(String tenancyId, String vaultId) {
        Vault vault = vaultId == null ? null : router.readRemote(StoreId.BASE, base -> base.find(Vault.class, vaultId));
        return visibleTo(tenancyId, vaultId, vault);
    }

    /** The vault, locked for the rest of the transaction, which writes the base store: for changes to the vault. */
    public Vault visibleForUpdate(String tenancyId, String vaultId) {
        Vault vault = vaultId == null ? null : router.base().find(Vault.class, vaultId, LockModeType.PESSIMISTIC_WRITE);
        return visibleTo(tenancyId, vaultId, vault);
    }

    private static Vault visibleTo(String tenancyId, String vaultId, Vault vault) {
        if (vault == null || !vault.tenancyId().equals(tenancyId)) {
            throw CofferException.notFound("vault " + vaultId);
        }
        return vault;
    }
}
