package io.coffer.replication.apply;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import io.coffer.platform.time.RealTime;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies replication events to this host's local store, strictly in log order per remote store: an event at or
 * below the bookmark is a redelivery and is skipped; an event beyond bookmark + 1 first has the gap filled from the
 * remote log; an event of an older epoch is stale and skipped; the first event of a newer epoch makes the host drop
 * its replica of that store and start again. The row and the bookmark change in one local transaction.
 */
@Stateless
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class.getName());

    /** Gaps up to this size are filled inline; larger ones are left to the catch-up, and the message redelivered. */
    static final int INLINE_GAP_LIMIT = 500;

    @Inject
    ShardRouter router;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    ReplicaState replicas;

    @Inject
    @RealTime
    Clock clock;

    /**
     * Applies one event from the topic in a transaction of its own on the local store alone (one resource: no two-phase
     * commit). The message is acknowledged after this returns; if the host dies in between, the redelivered event is
     * at or below the bookmark and skipped, so nothing is applied twice.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(ReplicationEvent event) {
        StoreId store = event.store();
        if (!router.isKnown(store)) {
            // Another cell's shard: this host does not replicate it.
            return;
        }
        router.openLocal();
        try (Connection local = router.localDataSource().getConnection()) {
            Bookmarks.Position position = Bookmarks.lock(local, store);
            if (event.epoch() < position.epoch()) {
                metrics.duplicate(store);
                return;
            }
            if (event.epoch() > position.epoch()) {
                position = startEpoch(local, store, event.epoch());
            }
            if (event.sequence() <= position.applied()) {
                metrics.duplicate(store);
                return;
            }
            long missing = event.sequence() - position.applied() - 1;
            if (missing > INLINE_GAP_LIMIT) {
                throw new ReplicaBehindException("store " + store + ": event " + event.sequence()
                        + " arrived with the local store at " + position.applied() + "; waiting for the catch-up");
            }
            if (missing > 0) {
                applyAll(local, fromLog(store, event.epoch(), position.applied(), event.sequence() - 1));
                metrics.gapFilled(store, missing);
            }
            applyAll(local, List.of(event));
        } catch (SQLException failure) {
            throw new EJBException("applying event " + event.sequence() + " of store " + store + " failed: "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Applies up to {@code limit} events after the bookmark, read from the remote log, in a transaction of its own;
     * first moves to the log's current epoch if it is newer than the bookmark's.
     *
     * @return how many were applied (less than {@code limit} means the host has caught up with the log)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int catchUp(StoreId store, int limit) {
        router.openLocal();
        router.open(store);
        try (Connection local = router.localDataSource().getConnection();
                Connection remote = router.remoteDataSource(store).getConnection()) {
            Bookmarks.Position position = Bookmarks.lock(local, store);
            RemoteLog.Head head = RemoteLog.head(remote, store);
            if (head.epoch() > position.epoch()) {
                position = startEpoch(local, store, head.epoch());
            } else if (head.epoch() < position.epoch()) {
                throw new IllegalStateException("store " + store + " is at epoch " + head.epoch()
                        + " but this host follows epoch " + position.epoch() + "; the remote store was restored from an older state");
            }
            List<ReplicationEvent> events = RemoteLog.after(remote, store, head.epoch(), position.applied(), Long.MAX_VALUE, limit);
            if (!events.isEmpty() && events.get(0).sequence() != position.applied() + 1) {
                throw new IllegalStateException("store " + store + ": the log starts at " + events.get(0).sequence()
                        + " but this host is at " + position.applied() + "; the host needs a full resync");
            }
            applyAll(local, events);
            if (!events.isEmpty()) {
                metrics.gapFilled(store, events.size());
            }
            return events.size();
        } catch (SQLException failure) {
            throw new EJBException("catching up with store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    /** The store's replication was rolled back and restarted: what this host holds of it is dropped. */
    private Bookmarks.Position startEpoch(Connection local, StoreId store, long epoch) throws SQLException {
        int dropped = ReplicaOrigins.dropReplica(local, store);
        Bookmarks.restart(local, store, epoch, clock.instant());
        LOG.info(() -> "store " + store + " started replication epoch " + epoch + "; dropped the " + dropped
                + " rows this host held of its previous epoch");
        return new Bookmarks.Position(epoch, 0);
    }

    private List<ReplicationEvent> fromLog(StoreId store, long epoch, long after, long upTo) throws SQLException {
        router.open(store);
        try (Connection remote = router.remoteDataSource(store).getConnection()) {
            RemoteLog.Head head = RemoteLog.head(remote, store);
            List<ReplicationEvent> events = head.epoch() == epoch
                    ? RemoteLog.after(remote, store, epoch, after, upTo, INLINE_GAP_LIMIT)
                    : List.of();
            if (events.size() != upTo - after) {
                throw new ReplicaBehindException("store " + store + ": the log holds " + events.size() + " of the "
                        + (upTo - after) + " events after " + after + "; waiting for the catch-up");
            }
            return events;
        }
    }

    private void applyAll(Connection local, List<ReplicationEvent> events) throws SQLException {
        for (ReplicationEvent event : events) {
            LocalRowWriter.Outcome outcome = LocalRowWriter.apply(local, event.change());
            if (outcome == LocalRowWriter.Outcome.INSERTED) {
                ReplicaOrigins.inserted(local, event.store(), event.change().table(), event.change().entityKey());
            } else if (event.change().operation() == Operation.DELETE) {
                ReplicaOrigins.deleted(local, event.change().table(), event.change().entityKey());
            }
            Bookmarks.advance(local, event.store(), event.sequence(), clock.instant());
            metrics.applied(event.store());
            metrics.applyDelay(event.store(), java.time.Duration.between(event.capturedAt(), clock.instant()));
        }
        if (!events.isEmpty()) {
            ReplicationEvent last = events.get(events.size() - 1);
            replicas.appliedAfterCommit(last.store(), last.epoch(), last.sequence());
        }
    }
}
