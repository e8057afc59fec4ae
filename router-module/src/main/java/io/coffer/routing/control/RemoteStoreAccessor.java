package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import java.util.Optional;

/** Reads from the store's remote store: the state before switch-over, and the instant rollback after it. */
final class RemoteStoreAccessor implements StoreAccessor {

    private final ShardRouter router;
    private final StoreReadMetrics metrics;

    RemoteStoreAccessor(ShardRouter router, StoreReadMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        return metrics.timed(store, "remote", () -> router.readRemote(store, read::runOn));
    }
}
