package io.coffer.shard.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreNames;
import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreSettings;
import io.coffer.shard.control.Cells;
import io.coffer.shard.control.ShardPlacements;
import io.coffer.shard.control.StoreAddresses;
import io.coffer.shard.entity.ShardPlacementSetting;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the stores with their cell, address and vaults; switches how each is read and whether its writes are
 * captured; opens and closes shards to new vaults; and answers which shard and cell hold a vault.
 */
@Stateless
public class ShardService {

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    @Inject
    Clock clock;

    @Inject
    StoreAddresses addresses;

    @Inject
    CofferSettings instance;

    /** A shard's placement: whether it accepts new vaults, and how many it holds. */
    public record Placement(boolean acceptsNewVaults, long vaults) {}

    /**
     * A store as the operator sees it. {@code placement} is empty for the base store, which holds no vaults;
     * {@code address} while the store has not been reached yet.
     */
    public record Shard(StoreSettings settings, String cell, Optional<String> address, Optional<Placement> placement) {}

    /** Where a vault lives. */
    public record VaultShard(String vaultId, String shard, String cell) {}

    /** Every store this instance knows, base first, with its settings (created with the defaults if missing). */
    public List<Shard> list() {
        Map<StoreId, Long> vaults = ShardPlacements.vaultsPerShard(router.base());
        List<Shard> all = new ArrayList<>();
        for (StoreId store : router.remoteStores()) {
            all.add(shard(store, vaults));
        }
        return all;
    }

    public Shard get(String storeName) {
        return shard(known(storeName), ShardPlacements.vaultsPerShard(router.base()));
    }

    /** The same store with settings just changed by this transaction. */
    public Shard describe(StoreSettings settings) {
        return shard(settings.store(), ShardPlacements.vaultsPerShard(router.base()));
    }

    public Shard place(String storeName, boolean acceptsNewVaults, String operator) {
        StoreId store = known(storeName);
        if (store.isBase()) {
            throw new IncorrectStateException(
                    "the base store holds the routing metadata, never vaults: placement is a shard's setting");
        }
        ShardPlacements.setting(router.base(), store, clock.instant(), true)
                .acceptNewVaults(acceptsNewVaults, operator, clock.instant());
        router.base().flush();
        return get(storeName);
    }

    /** The operator's view of the routing metadata: which shard and cell hold the vault, whoever owns it. */
    public VaultShard vaultShard(String vaultId) {
        ResourceRoute route = router.base().find(ResourceRoute.class, vaultId);
        if (route == null || route.kind() != ResourceKind.VAULT) {
            throw CofferException.notFound("vault " + vaultId);
        }
        return new VaultShard(route.resourceId(), route.store().name(), cellOf(route.store()));
    }

    private String cellOf(StoreId store) {
        return Cells.serving(store, router.servedShards(), instance.cell());
    }

    private Shard shard(StoreId store, Map<StoreId, Long> vaults) {
        StoreSettings settings = settingsOf(store, false);
        // Read only: a shard without a placement row accepts new vaults, so a GET never writes one.
        Optional<Placement> placement = store.isBase()
                ? Optional.empty()
                : Optional.of(new Placement(
                        Optional.ofNullable(router.base().find(ShardPlacementSetting.class, store.name()))
                                .map(ShardPlacementSetting::acceptsNewVaults)
                                .orElse(true),
                        vaults.getOrDefault(store, 0L)));
        return new Shard(settings, cellOf(store), addresses.of(store), placement);
    }

    public StoreSettings switchReads(String storeName, ReadAccessor accessor, String operator) {
        StoreSettings settings = settingsOf(known(storeName), true);
        try {
            settings.switchReads(accessor, operator, clock.instant());
        } catch (IllegalStateException refused) {
            throw new IncorrectStateException(refused.getMessage());
        }
        return published(settings);
    }

    public StoreSettings switchCapture(String storeName, boolean enabled, String operator) {
        StoreId store = known(storeName);
        if (store.isBase() && !enabled) {
            throw new IncorrectStateException(
                    "the base store's writes are always captured: its routing metadata is what every host routes by");
        }
        StoreSettings settings = settingsOf(store, true);
        boolean wasEnabled = settings.captureEnabled();
        try {
            settings.switchCapture(enabled, operator, clock.instant());
        } catch (IllegalStateException refused) {
            throw new IncorrectStateException(refused.getMessage());
        }
        if (wasEnabled && !enabled) {
            // Phase 1's rollback: no trace of partial replication stays behind, here or on any host.
            replication.rollBack(store);
        }
        return published(settings);
    }

    /** Flushed, so that the returned settings carry their new version; the caller publishes them after commit. */
    private StoreSettings published(StoreSettings settings) {
        router.base().flush();
        return settings;
    }

    private StoreSettings settingsOf(StoreId store, boolean forUpdate) {
        return StoreNames.settings(router.base(), store, clock.instant(), forUpdate);
    }

    private StoreId known(String storeName) {
        return StoreNames.known(router, storeName, "shard");
    }
}
