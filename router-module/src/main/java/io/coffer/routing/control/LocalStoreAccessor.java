package io.coffer.routing.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.StoreId;
import java.util.Optional;

/**
 * Reads from this host's local store only, with no fallback: what the host's replica says is the answer. A host that
 * has not caught up with the store's log since it started serves nothing from it (503, retry).
 */
final class LocalStoreAccessor implements StoreAccessor {

    private final ShardRouter router;
    private final LocalStoreConnections connections;
    private final Replication replication;
    private final StoreReadMetrics metrics;

    LocalStoreAccessor(
            ShardRouter router, LocalStoreConnections connections, Replication replication, StoreReadMetrics metrics) {
        this.router = router;
        this.connections = connections;
        this.replication = replication;
        this.metrics = metrics;
    }

    @Override
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        if (!replication.caughtUp(store)) {
            throw new CofferException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "this host is still catching up with its replica of " + store + "; retry shortly");
        }
        return readLocally(store, read);
    }

    /**
     * The local store's answer, whether or not the replica has caught up: by plain JDBC when the read has that form and
     * no transaction is active, else the read's query on the local entity manager (see {@link StoreRead}).
     */
    <T> Optional<T> readLocally(StoreId store, StoreRead<T> read) {
        if (read.runsByRowsLocally(TransactionRegistry::isActive)) {
            return metrics.timed(store, "local", () -> connections.read(read::runLocallyByRows));
        }
        return metrics.timed(store, "local", () -> router.readLocal(read::runOn));
    }
}
