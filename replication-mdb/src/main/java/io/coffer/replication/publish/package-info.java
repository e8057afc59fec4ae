/**
 * Publish: moves a store's pending events into its numbered {@code REPL_LOG} and onto the JMS topic every host
 * subscribes to, off the request path, without ever holding the store and the broker in one transaction.
 *
 * <p>Invariants: step 1 numbers a batch into the log, removes it from pending and advances the head in one short
 * transaction on the store alone, with the store's {@code REPL_PUBLISHER} row locked, so one publisher at a time per
 * store (across all instances) gives out numbers, contiguous within the epoch and in the order the pending rows were
 * written (for any one entity, the order its writes committed). Step 2 sends logged entries to the topic outside any
 * transaction, in log order; step 3 moves the store's sent mark ({@code SENT_SEQ}) in a statement of its own, never
 * backwards, never past the head, never across epochs. An entry is in pending or in the log, never lost; once in the
 * log it is sent at least once: a crash or a broker outage between steps 1 and 3 leaves it above the mark, and a later
 * run resends it (apply skips what a host has; a host also catches up from the log by itself). With the broker down,
 * step 1 still drains pending into the log and only sends back off; each outage is logged once.
 */
package io.coffer.replication.publish;
