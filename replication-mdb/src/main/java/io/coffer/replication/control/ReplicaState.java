package io.coffer.replication.control;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this host knows about its replicas, per remote store: how far it has applied, where the log's head was at
 * the last look, and whether it has caught up since it started. A host serves no local read of a store before that.
 */
@ApplicationScoped
public class ReplicaState {

    /** One store's replica as last observed. */
    public record Position(long applied, long head, Duration lag, boolean caughtUp, Instant observedAt) {
        public long eventsBehind() {
            return Math.max(0, head - applied);
        }
    }

    private final Map<StoreId, Position> positions = new ConcurrentHashMap<>();

    void observed(StoreId store, long applied, long head, Duration lag, Instant now) {
        positions.compute(store, (ignored, previous) -> {
            boolean caughtUp = (previous != null && previous.caughtUp()) || applied >= head;
            return new Position(applied, head, lag, caughtUp, now);
        });
    }

    public boolean caughtUp(StoreId store) {
        Position position = positions.get(store);
        return position != null && position.caughtUp();
    }

    public Map<StoreId, Position> positions() {
        return Map.copyOf(positions);
    }
}
