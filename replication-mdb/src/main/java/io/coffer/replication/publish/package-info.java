/**
 * Publish: moves a store's pending events into its numbered {@code REPL_LOG} and onto the JMS topic every host
 * subscribes to, off the request path.
 *
 * <p>Invariants: a batch is numbered, logged, removed from pending and sent in one XA transaction spanning the store
 * and the broker, so an event is in the log and on the topic, or still pending, never half of it; the store's {@code
 * REPL_PUBLISHER} row is locked for the batch, so one publisher at a time per store (across all instances) gives out
 * numbers, contiguous within the epoch and in the order the pending rows were written (for any one entity, the order
 * its writes committed). With the broker or the store down, events stay pending and the next run (right after a
 * capturing commit, or every interval) retries; a failing run is logged once per outage.
 */
package io.coffer.replication.publish;
