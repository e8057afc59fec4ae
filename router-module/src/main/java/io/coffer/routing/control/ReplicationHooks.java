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
     * Whether every live data-plane host of the store's cell has applied the latest change of that row (so that a
     * resource may become ACTIVE). True when nothing of the row is waiting to be replicated.
     */
    boolean appliedByEveryHost(StoreId store, String table, String key);

    /**
     * Rolls the store's replication back, in the caller's transaction: pending and logged events are removed and a
     * new epoch of the log begins; every host drops its replica of the store when it sees the new epoch.
     */
    void rollBack(StoreId store);
}
