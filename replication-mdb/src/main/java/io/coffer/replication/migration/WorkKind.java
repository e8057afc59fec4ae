package io.coffer.replication.migration;

/** The migration's background work on a store. */
public enum WorkKind {
    /** Phase 2: replays the entities live sync has not carried. */
    BACKFILL,
    /** Phase 3: compares the replica with the remote store and repairs what differs. */
    SWEEP
}
