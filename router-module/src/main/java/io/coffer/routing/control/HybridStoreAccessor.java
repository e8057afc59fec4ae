package io.coffer.routing.control;

import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Local store first; the remote store when the local replica cannot answer: the host has not caught up since it
 * started, the entity is not there yet, or it is there but not servable yet (a secret not ACTIVE on this host).
 * Every fallback is counted, by store and reason, so that callers reading too early are visible.
 */
@ApplicationScoped
public class HybridStoreAccessor implements StoreAccessor {

    @Inject
    ShardRouter router;

    @Inject
    LocalStoreAccessor local;

    @Inject
    RemoteStoreAccessor remote;

    @Inject
    StoreReadMetrics metrics;

    @Override
    public ReadAccessor kind() {
        return ReadAccessor.HYBRID;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        if (!router.replicaCaughtUp(store)) {
            metrics.fellBack(store, read.what(), "catching-up");
            return remote.read(store, read);
        }
        Optional<T> found = local.readLocally(store, read);
        if (found.isEmpty()) {
            metrics.fellBack(store, read.what(), "missing");
            return remote.read(store, read);
        }
        if (!read.servableLocally(found.get())) {
            metrics.fellBack(store, read.what(), "not-yet-replicated");
            return remote.read(store, read);
        }
        return found;
    }
}
