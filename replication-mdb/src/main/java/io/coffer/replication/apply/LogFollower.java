package io.coffer.replication.apply;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.store.RemoteLog;
import io.coffer.routing.entity.StoreId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.logging.Logger;

/**
 * Follows remote stores' logs on this host's local store, strictly in log order per store: an event at or below the
 * bookmark is a redelivery and is skipped; an event beyond bookmark + 1 first has the gap filled from the remote log;
 * an event of an older epoch is stale and skipped; the first event of a newer epoch makes the host drop its replica
 * of that store and start again. Works on a local connection whose transaction the caller owns: the rows and the
 * bookmark commit together, or neither does.
 */
final class LogFollower {

    private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());

    /** Gaps up to this size are filled inline; larger ones are left to the catch-up, and the message redelivered. */
    static final int INLINE_GAP_LIMIT = 500;

    /** Opens a connection to a store's remote log; asked only when a gap has to be filled from it. */
    @FunctionalInterface
    interface RemoteLogAccess {
        Connection open() throws SQLException;
    }

    /**
     * What one call did to the local store.
     *
     * @param applied the events written, in log order
     * @param fromLog how many of them were read from the remote log rather than delivered
     * @param skipped whether the delivered event was a redelivery or stale, and nothing was written
     */
    record Progress(
            List<ReplicationEvent> applied, long fromLog, boolean skipped, Optional<ReplicaRebuild.Rebuilt> rebuilt) {

        static final Progress SKIPPED = new Progress(List.of(), 0, true, Optional.empty());

        Progress(List<ReplicationEvent> applied, long fromLog, boolean skipped) {
            this(applied, fromLog, skipped, Optional.empty());
        }
    }

    /** The replicated tables of a store with their primary-key columns; asked only when a replica is rebuilt. */
    @FunctionalInterface
    interface StoreTables {
        SortedMap<String, String> of(StoreId store);
    }

    private final Clock clock;

    LogFollower(Clock clock) {
        this.clock = clock;
    }

    /**
     * Applies the events of one delivered message (one store's and epoch's, consecutive, in log order), after what is
     * missing before them; those at or below the bookmark are redeliveries and skipped. Should the message skip a
     * sequence number, the events after that hole are left out: the next message has the hole filled from the log.
     */
    Progress apply(Connection local, List<ReplicationEvent> delivered, RemoteLogAccess remote) throws SQLException {
        ReplicationEvent first = delivered.get(0);
        StoreId store = first.store();
        Bookmarks.Position position = Bookmarks.lock(local, store);
        if (first.epoch() < position.epoch()) {
            return Progress.SKIPPED;
        }
        if (first.epoch() > position.epoch()) {
            position = startEpoch(local, store, first.epoch());
        }
        List<ReplicationEvent> fresh = new ArrayList<>();
        for (ReplicationEvent event : delivered) {
            if (event.sequence() <= position.applied()) {
                continue;
            }
            if (!fresh.isEmpty()
                    && event.sequence() != fresh.get(fresh.size() - 1).sequence() + 1) {
                LOG.warning(() -> "store " + store + ": a replication message skips from "
                        + fresh.get(fresh.size() - 1).sequence() + " to " + event.sequence()
                        + "; the events after the hole wait for the next message");
                break;
            }
            fresh.add(event);
        }
        if (fresh.isEmpty()) {
            return Progress.SKIPPED;
        }
        long next = fresh.get(0).sequence();
        long missing = next - position.applied() - 1;
        if (missing > INLINE_GAP_LIMIT) {
            throw new ReplicaBehindException("store " + store + ": event " + next + " arrived with the local store at "
                    + position.applied() + "; waiting for the catch-up");
        }
        List<ReplicationEvent> events = new ArrayList<>();
        if (missing > 0) {
            try (Connection log = remote.open()) {
                events.addAll(fromLog(log, store, first.epoch(), position.applied(), next - 1));
            }
        }
        events.addAll(fresh);
        write(local, events);
        return new Progress(events, missing, false);
    }

    /**
     * Applies up to {@code limit} events after the bookmark, read from the remote log; first moves to the log's current
     * epoch if it is newer than the bookmark's.
     */
    Progress catchUp(Connection local, Connection remote, StoreId store, int limit, StoreTables tables)
            throws SQLException {
        Bookmarks.Position position = Bookmarks.lock(local, store);
        RemoteLog.Head head = RemoteLog.head(remote, store);
        if (head.epoch() > position.epoch()) {
            position = startEpoch(local, store, head.epoch());
        } else if (head.epoch() < position.epoch()) {
            throw new IllegalStateException(
                    "store " + store + " is at epoch " + head.epoch() + " but this host follows epoch "
                            + position.epoch() + "; the remote store was restored from an older state");
        }
        List<ReplicationEvent> events =
                RemoteLog.after(remote, store, head.epoch(), position.applied(), Long.MAX_VALUE, limit);
        boolean pruned = events.isEmpty()
                ? head.sequence() > position.applied()
                : events.get(0).sequence() != position.applied() + 1;
        if (pruned) {
            // What this host misses was pruned from the log (every live host had applied it): copy the rows instead.
            long behind = position.applied();
            ReplicaRebuild.Rebuilt rebuilt = ReplicaRebuild.rebuild(
                    local, remote, store, head.epoch(), head.sequence(), tables.of(store), clock.instant());
            LOG.info(() -> "store " + store + ": this host was at " + behind + ", behind the pruned log; rebuilt its"
                    + " replica from the remote store (" + rebuilt.rows() + " rows) and follows the log from "
                    + rebuilt.head());
            return new Progress(List.of(), 0, false, Optional.of(rebuilt));
        }
        write(local, events);
        return new Progress(events, events.size(), false);
    }

    /** The store's replication was rolled back and restarted: what this host holds of it is dropped. */
    private Bookmarks.Position startEpoch(Connection local, StoreId store, long epoch) throws SQLException {
        int dropped = ReplicaOrigins.dropReplica(local, store);
        Bookmarks.restart(local, store, epoch, clock.instant());
        LOG.info(() -> "store " + store + " started replication epoch " + epoch + "; dropped the " + dropped
                + " rows this host held of its previous epoch");
        return new Bookmarks.Position(epoch, 0);
    }

    private static List<ReplicationEvent> fromLog(Connection remote, StoreId store, long epoch, long after, long upTo)
            throws SQLException {
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

    private void write(Connection local, List<ReplicationEvent> events) throws SQLException {
        for (ReplicationEvent event : events) {
            LocalRowWriter.Outcome outcome = LocalRowWriter.apply(local, event.change());
            if (outcome == LocalRowWriter.Outcome.INSERTED) {
                ReplicaOrigins.inserted(
                        local,
                        event.store(),
                        event.change().table(),
                        event.change().entityKey());
            } else if (event.change().operation() == Operation.DELETE) {
                ReplicaOrigins.deleted(
                        local, event.change().table(), event.change().entityKey());
            }
        }
        if (!events.isEmpty()) {
            // once per transaction: the rows and the bookmark commit together
            ReplicationEvent last = events.get(events.size() - 1);
            Bookmarks.advance(local, last.store(), last.sequence(), clock.instant());
        }
    }
}
