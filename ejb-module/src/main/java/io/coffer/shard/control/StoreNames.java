package io.coffer.shard.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;

/** The remote store an operator's request names: one this instance knows, or 404 (a malformed name included). */
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
}
