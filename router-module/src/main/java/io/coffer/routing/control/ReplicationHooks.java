package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import org.eclipse.persistence.sessions.Session;

/**
 * What replication does when the router opens a store. The router calls it for every store it opens, outside any
 * transaction, and opens no store before it is installed, so that no write can escape interception.
 */
public interface ReplicationHooks {

    /** A remote store's unit is being set up: register what turns its writes into replication events. */
    void attach(StoreId store, Session session);

    /** A remote store is open: make sure replication's own tables exist there. */
    void remoteOpened(StoreId store);

    /** This instance's local store is open: make sure replication's own tables exist there. */
    void localOpened();
}
