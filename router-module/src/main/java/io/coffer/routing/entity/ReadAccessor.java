package io.coffer.routing.entity;

/**
 * Which store serves the data-plane reads of a shard. Switchable at runtime per shard.
 */
public enum ReadAccessor {
    /** Every read goes to the shard's remote store (before switch-over, and the instant rollback). */
    REMOTE,
    /** Every read is served by this host's local store only; nothing falls back. */
    LOCAL,
    /** Local store first; a missing or not-yet-replicated entity falls back to the remote store, and is counted. */
    HYBRID
}
