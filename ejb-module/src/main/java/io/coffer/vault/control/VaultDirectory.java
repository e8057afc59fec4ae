package io.coffer.vault.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.control.ShardRouter;
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

    public Vault visible(String tenancyId, String vaultId) {
        Vault vault = vaultId == null ? null : router.base().find(Vault.class, vaultId);
        if (vault == null || !vault.tenancyId().equals(tenancyId)) {
            throw CofferException.notFound("vault " + vaultId);
        }
        return vault;
    }

    /** The vault, locked for the rest of the transaction: for changes to it or to what lives in it. */
    public Vault visibleForUpdate(String tenancyId, String vaultId) {
        Vault vault = visible(tenancyId, vaultId);
        router.base().lock(vault, LockModeType.PESSIMISTIC_WRITE);
        return vault;
    }
}
