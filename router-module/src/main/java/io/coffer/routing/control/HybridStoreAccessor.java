package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import java.util.Optional;

/**
 * Local store first; the remote store when the local replica cannot answer: the host has not caught up since it
 * started, the entity is not there yet, or it is there but not servable yet (a secret not ACTIVE on this host).
 * Every fallback is counted, by store and reason, so that callers reading too early are visible.
 */
final class HybridStoreAccessor implements StoreAccessor {

    private final Replication replication;
    private final LocalStoreAccessor local;
    private final RemoteStoreAccessor remote;
    private final StoreReadMetrics metrics;

    HybridStoreAccessor(
            Replication replication, LocalStoreAccessor local, RemoteStoreAccessor remote, StoreReadMetrics metrics) {
        this.replication = replication;
        this.local = local;
        this.remote = remote;
        this.metrics = metrics;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        if (!replication.caughtUp(store)) {
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
