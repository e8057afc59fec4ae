package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import java.util.Collection;

/**
 * What the rest of Coffer asks of replication: how far this host's replicas and the cell's hosts have got, which host
 * leads the cell, and the rollback of a store's replication. replication-mdb implements it and installs it in
 * {@link Replication}, through which everybody else reaches it.
 */
public interface ReplicationPort {

    /** Whether this host's replica of the store has caught up with the store's log since the host started. */
    boolean caughtUp(StoreId store);

    /**
     * Which of these rows of a table of the store every live data-plane host of this cell has applied: the lowest
     * position those hosts reported, read first, against the log position of each row's last change.
     */
    AppliedEverywhere appliedEverywhere(StoreId store, String table, Collection<String> keys);

    /** Whether this host leads its cell's housekeeping: the live host with the smallest name. */
    boolean leadsCell();

    /**
     * Rolls the store's replication back, committed at once on the store alone and never in the caller's transaction
     * (which writes the base store, and a transaction writes one store): pending and logged events are removed and a
     * new epoch of the log begins; every host drops its replica of the store when it sees the new epoch. Call it before
     * committing the switch that asks for it: should that commit fail, the store keeps capturing into the new epoch,
     * its replicas start again from there, and the next phase's backfill and sweep fill them (and the operator's
     * request, refused, is retried).
     */
    void rollBack(StoreId store);
}
