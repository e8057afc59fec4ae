package io.coffer.shard.control;

import io.coffer.routing.entity.StoreId;

/**
 * Which data-plane cell serves a store: the base cell serves the base store and {@code shard-0}; every further shard
 * {@code shard-k} has a cell of its own, {@code cell-k}.
 */
public final class Cells {

    /** The cell clients talk to. */
    public static final String BASE_CELL = "cell-0";

    private static final String SHARD_PREFIX = "shard-";

    private Cells() {}

    public static String of(StoreId store) {
        if (store.isBase()) {
            return BASE_CELL;
        }
        return "cell-" + store.name().substring(SHARD_PREFIX.length());
    }
}
