package io.coffer.replication.migration;

/** Where a piece of background work stands, as the admin API shows it. */
public enum WorkState {
    /** Not started in the store's current phase (or discarded by a rollback). */
    IDLE,
    RUNNING,
    PAUSED,
    DONE
}
