package io.coffer.replication.apply;

import io.coffer.platform.time.RealTime;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * Applies replication events to this host's local store, each call in a transaction of its own on the local store
 * alone (one resource: no two-phase commit), by the rules of the {@link LogFollower}; records what it did in the
 * metrics and, once committed, in the {@link ReplicaState}.
 */
@Stateless
public class EventApplier {

    @Inject
    ShardRouter router;

    @Inject
    StoreConnections connections;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    ReplicaState replicas;

    @Inject
    @RealTime
    Clock clock;

    private LogFollower follower;

    @PostConstruct
    void createFollower() {
        follower = new LogFollower(clock);
    }

    /**
     * Applies the events of one message from the topic (one store's, in log order) in one transaction. The message is
     * acknowledged after this returns; if the host dies in between, the redelivered events are at or below the
     * bookmark and skipped, so nothing is applied twice.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(List<ReplicationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StoreId store = events.get(0).store();
        if (!router.serves(store)) {
            // Another cell's shard: this host does not replicate it.
            return;
        }
        try (Connection local = connections.local()) {
            record(store, follower.apply(local, events, () -> connections.remote(store)));
        } catch (SQLException failure) {
            throw new EJBException(
                    "applying events " + events.get(0).sequence() + " to "
                            + events.get(events.size() - 1).sequence() + " of store " + store + " failed: "
                            + failure.getMessage(),
                    failure);
        }
    }

    /**
     * Applies up to {@code limit} events after the bookmark, read from the remote log.
     *
     * @return how many were applied (less than {@code limit} means the host has caught up with the log)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int catchUp(StoreId store, int limit) {
        try (Connection local = connections.local();
                Connection remote = connections.remote(store)) {
            LogFollower.Progress progress = record(
                    store,
                    follower.catchUp(
                            local,
                            remote,
                            store,
                            limit,
                            of -> new TreeMap<>(router.readRemote(of, ReplicatedTables::of))));
            // A rebuilt replica counts as a full batch: the caller asks again, for what the log holds after the head.
            return progress.rebuilt().isPresent() ? limit : progress.applied().size();
        } catch (SQLException failure) {
            throw new EJBException("catching up with store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    private LogFollower.Progress record(StoreId store, LogFollower.Progress progress) {
        if (progress.skipped()) {
            metrics.duplicate(store);
        }
        if (progress.fromLog() > 0) {
            metrics.gapFilled(store, progress.fromLog());
        }
        List<ReplicationEvent> applied = progress.applied();
        Instant now = clock.instant();
        for (ReplicationEvent event : applied) {
            metrics.applied(store);
            metrics.applyDelay(store, Duration.between(event.capturedAt(), now));
        }
        if (!applied.isEmpty()) {
            ReplicationEvent last = applied.get(applied.size() - 1);
            replicas.appliedAfterCommit(store, last.epoch(), last.sequence());
        }
        progress.rebuilt().ifPresent(rebuilt -> {
            metrics.rebuilt(store, rebuilt.rows());
            replicas.appliedAfterCommit(store, rebuilt.epoch(), rebuilt.head());
        });
        return progress;
    }
}
