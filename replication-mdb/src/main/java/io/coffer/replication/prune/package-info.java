/**
 * Pruning a remote store's replication log, so that it does not grow without bound.
 *
 * <p>Rules: an entry is pruned only once every live host (one that reported its position within the liveness window)
 * has applied it in the log's current epoch, and only once it is older than the retention
 * ({@code coffer.replication.log-retention-minutes}, default one day). A host that was not live, or a new host, and
 * finds the log no longer starting right after its bookmark rebuilds its replica of the store from the remote store
 * and then follows the log (see {@code ReplicaRebuild}). One host prunes at a time: the cell's leader, every minute;
 * an operator may prune at once with a retention of their choosing.
 */
package io.coffer.replication.prune;
