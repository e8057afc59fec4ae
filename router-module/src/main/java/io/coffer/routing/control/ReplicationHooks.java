package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.Session;

/**
 * The port through which replication takes part in store access. The router calls it for every store it opens,
 * outside any transaction, and opens no store before it is installed, so that no write can escape interception;
 * and asks it whether this host's replica of a store may serve reads yet.
 */
public interface ReplicationHooks {

    /** A remote store's unit is being set up: register what turns its writes into replication events. */
    void attach(StoreId store, Session session);

    /** A remote store is open: make sure replication's own tables exist there. */
    void remoteOpened(StoreId store, DataSource dataSource);

    /** This instance's local store is open: make sure replication's own tables exist there. */
    void localOpened(DataSource dataSource);

    /** Whether this host's replica of the store has caught up with the store's log since the host started. */
    boolean caughtUp(StoreId store);

    /**
     * The log position every live data-plane host of this cell has applied in the store's current epoch: the lowest
     * one reported ({@code Long.MAX_VALUE} when no host is live, -1 when a live host still follows an older epoch).
     */
    long appliedByEveryHost(StoreId store);

    /**
     * For each of these rows of a table, the log position of its last change in the store's current epoch
     * ({@code Long.MAX_VALUE} while a change is still pending); rows never logged are absent.
     */
    java.util.Map<String, Long> lastSequences(StoreId store, String table, java.util.Collection<String> keys);

    /** Whether this host leads its cell's housekeeping: the live host with the smallest name. */
    boolean leadsCell();

    /**
     * Rolls the store's replication back, in the caller's transaction: pending and logged events are removed and a
     * new epoch of the log begins; every host drops its replica of the store when it sees the new epoch.
     */
    void rollBack(StoreId store);
}
