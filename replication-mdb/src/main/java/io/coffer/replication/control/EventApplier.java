package io.coffer.replication.control;

import io.coffer.replication.entity.ReplicationEvent;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Applies replication events to this host's local store, strictly in log order per remote store: an event at or
 * below the bookmark is a redelivery and is skipped; an event beyond bookmark + 1 first has the gap filled from the
 * remote log. The row and the bookmark change in one transaction with the message's acknowledgement.
 */
@Stateless
public class EventApplier {

    /** Gaps up to this size are filled inline; larger ones are left to the catch-up, and the message redelivered. */
    static final int INLINE_GAP_LIMIT = 500;

    @Inject
    ShardRouter router;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    Clock clock;

    /** Applies one event from the topic, inside the message's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void apply(ReplicationEvent event) {
        StoreId store = event.store();
        if (!router.isKnown(store)) {
            // Another cell's shard: this host does not replicate it.
            return;
        }
        router.local();
        try (Connection local = router.localDataSource().getConnection()) {
            long applied = Bookmarks.lock(local, store);
            if (event.sequence() <= applied) {
                metrics.duplicate(store);
                return;
            }
            long missing = event.sequence() - applied - 1;
            if (missing > INLINE_GAP_LIMIT) {
                throw new ReplicaBehindException("store " + store + ": event " + event.sequence()
                        + " arrived with the local store at " + applied + "; waiting for the catch-up");
            }
            if (missing > 0) {
                applyAll(local, fromLog(store, applied, event.sequence() - 1));
                metrics.gapFilled(store, missing);
            }
            applyAll(local, List.of(event));
        } catch (SQLException failure) {
            throw new EJBException("applying event " + event.sequence() + " of store " + store + " failed: "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Applies up to {@code limit} events after the bookmark, read from the remote log, in a transaction of its own.
     *
     * @return how many were applied (less than {@code limit} means the host has caught up with the log)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int catchUp(StoreId store, int limit) {
        router.local();
        try (Connection local = router.localDataSource().getConnection()) {
            long applied = Bookmarks.lock(local, store);
            List<ReplicationEvent> events = fromLog(store, applied, Long.MAX_VALUE, limit);
            if (!events.isEmpty() && events.get(0).sequence() != applied + 1) {
                throw new IllegalStateException("store " + store + ": the log starts at " + events.get(0).sequence()
                        + " but this host is at " + applied + "; the host needs a full resync");
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

    private List<ReplicationEvent> fromLog(StoreId store, long after, long upTo) throws SQLException {
        List<ReplicationEvent> events = fromLog(store, after, upTo, INLINE_GAP_LIMIT);
        if (events.size() != upTo - after) {
            throw new ReplicaBehindException("store " + store + ": the log holds " + events.size() + " of the "
                    + (upTo - after) + " events after " + after + "; waiting for the catch-up");
        }
        return events;
    }

    private List<ReplicationEvent> fromLog(StoreId store, long after, long upTo, int limit) throws SQLException {
        router.remote(store);
        try (Connection remote = router.remoteDataSource(store).getConnection()) {
            return RemoteLog.after(remote, store, after, upTo, limit);
        }
    }

    private void applyAll(Connection local, List<ReplicationEvent> events) throws SQLException {
        for (ReplicationEvent event : events) {
            LocalRowWriter.apply(local, event.change());
            Bookmarks.advance(local, event.store(), event.sequence(), clock.instant());
            metrics.applied(event.store());
        }
    }
}
