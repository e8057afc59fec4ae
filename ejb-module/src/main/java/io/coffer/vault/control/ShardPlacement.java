package io.coffer.vault.control;

import io.coffer.platform.failure.ServiceUnavailableException;
import io.coffer.routing.entity.StoreId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the shard a new vault lives on: among the shards that accept new vaults, the one holding the fewest, so
 * that load spreads as shards are added; ties go to the first shard by name. A vault never moves afterwards.
 */
public final class ShardPlacement {

    private ShardPlacement() {}

    public static StoreId choose(List<StoreId> shards, Map<StoreId, Long> vaultsPerShard, Set<StoreId> closed) {
        if (shards.isEmpty()) {
            // The install's configuration, not the request, is wrong: nothing can be created until a shard exists.
            throw new ServiceUnavailableException("no shard is configured to place vaults on");
        }
        return shards.stream()
                .filter(shard -> !closed.contains(shard))
                .min(Comparator.<StoreId>comparingLong(shard -> vaultsPerShard.getOrDefault(shard, 0L))
                        .thenComparing(StoreId::name))
                // The operator closed every shard (to add one, or to drain them): the request may succeed later.
                .orElseThrow(() -> new ServiceUnavailableException("no shard accepts new vaults at the moment"));
    }
}
