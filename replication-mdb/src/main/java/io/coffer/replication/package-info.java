/**
 * Replication from remote stores to the local store of every data-plane host (phase 1 of the migration: sync live
 * mutations), in stages:
 * {@link io.coffer.replication.capture capture} (a JPA write becomes a pending event in the same transaction),
 * {@link io.coffer.replication.publish publish} (pending events are numbered into the store's log and sent on the
 * topic), {@link io.coffer.replication.apply apply} (every host writes them to its local store in log order) and
 * {@link io.coffer.replication.monitor monitor} (lag, catch-up, the positions hosts report, checksums). The event
 * model is in {@link io.coffer.replication.event event}, replication's own tables in
 * {@link io.coffer.replication.store store}; {@link io.coffer.replication.ReplicationWiring} plugs all of it into the
 * router-module at start-up.
 *
 * <p>Rules across the stages: events carry column values exactly as stored, so ciphertext only; an event exists if
 * and only if its write commits; within one epoch of a store's log, sequence numbers are contiguous from 1; a host
 * applies sequence n only after n-1 (duplicates skipped, gaps filled from the remote log), so every host's replica of
 * a store is a prefix of its log; nothing is acknowledged to the broker before the local write commits; nothing
 * accepted is dropped: an event that cannot be published stays pending, one that cannot be applied is redelivered.
 * Dependencies point one way: replication-mdb uses the router-module, never the ejb-module.
 */
package io.coffer.replication;
