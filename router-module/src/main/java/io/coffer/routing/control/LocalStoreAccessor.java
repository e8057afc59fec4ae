package io.coffer.routing.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Reads from this host's local store only, with no fallback: what the host's replica says is the answer. A host that
 * has not caught up with the store's log since it started serves nothing from it (503, retry).
 */
@ApplicationScoped
public class LocalStoreAccessor implements StoreAccessor {

    @Inject
    ShardRouter router;

    @Inject
    StoreReadMetrics metrics;

    @Override
    public ReadAccessor kind() {
        return ReadAccessor.LOCAL;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        if (!router.replicaCaughtUp(store)) {
            throw new CofferException(ErrorCode.SERVICE_UNAVAILABLE,
                    "this host is still catching up with its replica of " + store + "; retry shortly");
        }
        return readLocally(store, read);
    }

    <T> Optional<T> readLocally(StoreId store, StoreRead<T> read) {
        return metrics.timed(store, "local", () -> router.readLocal(read::runOn));
    }
}
