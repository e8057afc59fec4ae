package io.coffer.shard.control;

import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.StoreId;
import io.coffer.shard.entity.ShardPlacementSetting;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What placing a vault needs to know of the shards, read from the base store: their vaults and which are closed. */
public final class ShardPlacements {

    private ShardPlacements() {}

    /** How many vaults each shard holds; a shard holding none is absent. */
    public static Map<StoreId, Long> vaultsPerShard(EntityManager base) {
        Map<StoreId, Long> counts = new HashMap<>();
        List<Object[]> rows = base.createQuery(
                        "SELECT r.store, COUNT(r) FROM ResourceRoute r WHERE r.kind = :kind GROUP BY r.store",
                        Object[].class)
                .setParameter("kind", ResourceKind.VAULT)
                .getResultList();
        for (Object[] row : rows) {
            counts.put(StoreId.of((String) row[0]), (Long) row[1]);
        }
        return counts;
    }

    /** The shards an operator closed to new vaults. */
    public static Set<StoreId> closed(EntityManager base) {
        return base
                .createQuery(
                        "SELECT p FROM ShardPlacementSetting p WHERE p.acceptsNewVaults = false",
                        ShardPlacementSetting.class)
                .getResultList()
                .stream()
                .map(ShardPlacementSetting::shard)
                .collect(Collectors.toSet());
    }

    /** The shard's placement row, made (open) on first use. */
    public static ShardPlacementSetting setting(EntityManager base, StoreId shard, Instant now, boolean forUpdate) {
        ShardPlacementSetting setting = forUpdate
                ? base.find(ShardPlacementSetting.class, shard.name(), LockModeType.PESSIMISTIC_WRITE)
                : base.find(ShardPlacementSetting.class, shard.name());
        if (setting == null) {
            setting = new ShardPlacementSetting(shard, now);
            base.persist(setting);
            base.flush();
        }
        return setting;
    }
}
