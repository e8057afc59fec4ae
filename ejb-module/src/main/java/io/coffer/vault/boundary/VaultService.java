package io.coffer.vault.boundary;

import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.resource.control.Compartments;
import io.coffer.resource.control.NewestFirstPages;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.shard.control.ShardPlacements;
import io.coffer.vault.control.ShardPlacement;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import io.coffer.vault.entity.wire.CreateVaultDetails;
import io.coffer.vault.entity.wire.UpdateVaultDetails;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Vaults of the caller's tenancy: create, read, list, update, schedule and cancel deletion. */
@Stateless
public class VaultService {

    @Inject
    ShardRouter router;

    @Inject
    VaultDirectory vaults;

    @Inject
    RetryTokens retries;

    @Inject
    Clock clock;

    public Vault create(String tenancyId, CreateVaultDetails details, RetryToken retry) {
        Compartments.requireOwn(tenancyId, details.compartmentId());
        Optional<String> previous = retries.previous(StoreId.BASE, tenancyId, retry);
        if (previous.isPresent()) {
            return vaults.visible(tenancyId, previous.get());
        }
        ResourceTags tags = ResourceTags.of("a vault", details.freeformTags(), details.definedTags());
        EntityManager base = router.base();
        StoreId shard = ShardPlacement.choose(
                router.shards(), ShardPlacements.vaultsPerShard(base), ShardPlacements.closed(base));
        Instant now = clock.instant();
        Vault vault = new Vault(
                tenancyId, details.compartmentId(), details.displayName(), details.vaultType(), shard, tags, now);
        base.persist(vault);
        base.persist(new ResourceRoute(vault.id(), ResourceKind.VAULT, tenancyId, vault.id(), shard, now));
        base.flush();
        retries.remember(StoreId.BASE, tenancyId, retry, vault.id());
        return vault;
    }

    public Vault get(String tenancyId, String vaultId) {
        return vaults.visible(tenancyId, vaultId);
    }

    public Page<Vault> list(String tenancyId, String compartmentId, Integer limit, String page) {
        Compartments.requireOwn(tenancyId, compartmentId);
        return NewestFirstPages.page(
                router.base(),
                Vault.class,
                "vaults",
                "r.tenancyId = :tenancy AND r.compartmentId = :compartment",
                Map.of("tenancy", tenancyId, "compartment", compartmentId),
                limit,
                page);
    }

    public Vault update(String tenancyId, String vaultId, UpdateVaultDetails details, String ifMatch) {
        return change(
                tenancyId,
                vaultId,
                ifMatch,
                RetryToken.NONE,
                vault -> vault.update(details.displayName(), details.freeformTags(), details.definedTags()));
    }

    public Vault scheduleDeletion(
            String tenancyId, String vaultId, Instant timeOfDeletion, String ifMatch, RetryToken retry) {
        return change(
                tenancyId, vaultId, ifMatch, retry, vault -> vault.scheduleDeletion(timeOfDeletion, clock.instant()));
    }

    public Vault cancelDeletion(String tenancyId, String vaultId, String ifMatch, RetryToken retry) {
        return change(tenancyId, vaultId, ifMatch, retry, vault -> vault.cancelDeletion(clock.instant()));
    }

    private Vault change(String tenancyId, String vaultId, String ifMatch, RetryToken retry, Consumer<Vault> action) {
        if (retries.previous(StoreId.BASE, tenancyId, retry).isPresent()) {
            return vaults.visible(tenancyId, vaultId);
        }
        Vault vault = vaults.visibleForUpdate(tenancyId, vaultId);
        Etags.check(ifMatch, vault.id(), vault.version());
        action.accept(vault);
        router.base().flush();
        retries.remember(StoreId.BASE, tenancyId, retry, vault.id());
        return vault;
    }
}
