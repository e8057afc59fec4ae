package io.coffer.shard.control;

import io.coffer.routing.entity.StoreId;
import java.util.List;

/**
 * Which data-plane cell serves a store: the base cell serves the base store and {@code shard-0}; every further shard
 * {@code shard-k} has a cell of its own, {@code cell-k}. A host whose cell serves the shard ({@code
 * coffer.served-shards}, every shard in a topology of one cell) reports its own cell.
 */
public final class Cells {

    /** The cell clients talk to. */
    public static final String BASE_CELL = "cell-0";

    private static final String SHARD_PREFIX = "shard-";

    private Cells() {}

    /** The cell serving a store, seen from a host of {@code cellHere} that serves the shards {@code servedHere}. */
    public static String serving(StoreId store, List<StoreId> servedHere, String cellHere) {
        return store.isBase() || servedHere.contains(store) ? cellHere : of(store);
    }

    /** The cell a store has by design. */
    public static String of(StoreId store) {
        if (store.isBase()) {
            return BASE_CELL;
        }
        return "cell-" + store.name().substring(SHARD_PREFIX.length());
    }
}
