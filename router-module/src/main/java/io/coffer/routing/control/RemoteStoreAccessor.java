package io.coffer.routing.control;

import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Reads from the store's remote store: the state before switch-over, and the instant rollback after it. */
@ApplicationScoped
public class RemoteStoreAccessor implements StoreAccessor {

    @Inject
    ShardRouter router;

    @Inject
    StoreReadMetrics metrics;

    @Override
    public ReadAccessor kind() {
        return ReadAccessor.REMOTE;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        return metrics.timed(store, "remote", () -> router.readRemote(store, read::runOn));
    }
}
