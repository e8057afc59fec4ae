package io.coffer.shard.entity;

import io.coffer.routing.entity.OperatorSetting;
import io.coffer.routing.entity.StoreId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Whether new vaults may be placed on a shard, as the operator set it. A shard without a row accepts them. Base
 * store only: it is read where vaults are created, in the base store's transaction, and nowhere else.
 */
@Entity
@Table(name = "SHARD_PLACEMENT")
public class ShardPlacementSetting extends OperatorSetting {

    @Id
    @Column(name = "STORE_NAME", length = 32)
    private String store;

    @Column(name = "ACCEPTS_NEW_VAULTS", nullable = false)
    private boolean acceptsNewVaults;

    protected ShardPlacementSetting() {}

    /** A shard as it starts: open to new vaults. */
    public ShardPlacementSetting(StoreId shard, Instant now) {
        if (shard.isBase()) {
            throw new IllegalArgumentException("vaults are placed on shards, not on the base store");
        }
        this.store = shard.name();
        this.acceptsNewVaults = true;
        changedBy("coffer", now);
    }

    public StoreId shard() {
        return StoreId.of(store);
    }

    public boolean acceptsNewVaults() {
        return acceptsNewVaults;
    }

    /** Opens or closes the shard to new vaults; the vaults already on it stay and keep working. */
    public void acceptNewVaults(boolean accepts, String operator, Instant now) {
        this.acceptsNewVaults = accepts;
        changedBy(operator, now);
    }
}
