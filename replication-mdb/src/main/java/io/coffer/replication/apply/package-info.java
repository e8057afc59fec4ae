/**
 * Apply: every host writes the events of every remote store it replicates into its own local store.
 *
 * <p>Invariants: the MDB only decodes a message (a batch of one store's consecutive events) and delegates; one session
 * per host, so events arrive in the order they were published, and a message's events commit in one transaction. Per
 * store, events are applied strictly in log order: an event at or below the host's bookmark (a
 * redelivery) or of an older epoch is skipped; a gap of up to 500 events ({@code LogFollower.INLINE_GAP_LIMIT}) is
 * filled from the remote log first, a larger one or one the log cannot fill yet makes the message wait for the catch-up
 * (it is redelivered); the first event of a newer epoch drops the host's replica of that store. The rows, where each
 * row came from ({@code REPL_ORIGIN}) and the bookmark commit together in one local, one-phase transaction, before the
 * message is acknowledged; applying an event twice leaves the same row. An event that cannot be written (an unknown
 * table or column) is refused and redelivered, never skipped. Events of stores this host does not replicate (another
 * cell's shards) are ignored.
 */
package io.coffer.replication.apply;
