package io.coffer.routing.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * The remote store an operator's request names: one this instance knows, or 404 (a malformed name included); and its
 * settings row, made on first use.
 */
public final class StoreNames {

    private StoreNames() {}

    /** @param what how the answer names the store, e.g. {@code shard} or {@code store} */
    public static StoreId known(ShardRouter router, String name, String what) {
        StoreId store;
        try {
            store = StoreId.of(name);
        } catch (IllegalArgumentException malformed) {
            throw CofferException.notFound(what + " " + name);
        }
        if (!router.isKnown(store)) {
            throw CofferException.notFound(what + " " + name);
        }
        return store;
    }

    /** The store's settings row in the base store, made with the defaults if it has none yet. */
    public static StoreSettings settings(EntityManager base, StoreId store, Instant now, boolean forUpdate) {
        StoreSettings settings = forUpdate
                ? base.find(StoreSettings.class, store.name(), LockModeType.PESSIMISTIC_WRITE)
                : base.find(StoreSettings.class, store.name());
        if (settings == null) {
            settings = new StoreSettings(store, now);
            base.persist(settings);
            base.flush();
        }
        return settings;
    }
}
