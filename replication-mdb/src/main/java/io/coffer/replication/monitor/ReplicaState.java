package io.coffer.replication.monitor;

import io.coffer.routing.control.TransactionRegistry;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this host knows about its replicas, per remote store: how far it has applied (as of the last committed apply),
 * where the log's head was at the last look, and whether it has caught up since it started. A host serves no local
 * read of a store before that.
 */
@ApplicationScoped
public class ReplicaState {

    /** One store's replica as last observed by the replica monitor. */
    public record Position(long epoch, long applied, long head, Duration lag, boolean caughtUp, Instant observedAt) {
        public long eventsBehind() {
            return Math.max(0, head - applied);
        }
    }

    /** The last committed apply of a store on this host. */
    public record Applied(long epoch, long sequence) {
        boolean after(Applied other) {
            return other == null || epoch > other.epoch || epoch == other.epoch && sequence > other.sequence;
        }
    }

    private final Map<StoreId, Position> positions = new ConcurrentHashMap<>();
    private final Map<StoreId, Applied> applied = new ConcurrentHashMap<>();

    void observed(StoreId store, long epoch, long appliedSequence, long head, Duration lag, Instant now) {
        positions.compute(store, (ignored, previous) -> {
            boolean caughtUp =
                    (previous != null && previous.caughtUp() && previous.epoch() == epoch) || appliedSequence >= head;
            return new Position(epoch, appliedSequence, head, lag, caughtUp, now);
        });
        record(store, new Applied(epoch, appliedSequence));
    }

    /** Records the position once the caller's transaction has committed (never a position that was rolled back). */
    public void appliedAfterCommit(StoreId store, long epoch, long sequence) {
        Applied position = new Applied(epoch, sequence);
        TransactionRegistry.get().registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    record(store, position);
                }
            }
        });
    }

    private void record(StoreId store, Applied position) {
        applied.merge(store, position, (old, fresh) -> fresh.after(old) ? fresh : old);
    }

    public boolean caughtUp(StoreId store) {
        Position position = positions.get(store);
        return position != null && position.caughtUp();
    }

    public Map<StoreId, Position> positions() {
        return Map.copyOf(positions);
    }

    public Optional<Applied> applied(StoreId store) {
        return Optional.ofNullable(applied.get(store));
    }
}
