/**
 * Monitor: what this host and its cell know about replication, and the safety net behind the topic.
 *
 * <p>Invariants: {@code ReplicaState} records only positions whose transaction committed; a host serves no local read
 * of a store until its replica has caught up with the store's log since the host started. The replica monitor
 * compares each bookmark with the log's head every second and catches up from the log when the host starts, when a
 * new epoch began, or when the topic stopped bringing events. Every host reports its position per store to the base
 * store's {@code REPL_HOST} (when it moved, and every few seconds as a heartbeat); a host silent for longer than the
 * liveness window does not count. A row has reached the cell when every live host of the cell applied its last
 * change in the current epoch: what gates a secret's ACTIVE state, and what the {@code ReplicationPort} answers. A
 * checksum is computed the same way on the remote store and on a host's replica, so equal checksums mean equal
 * content. Inspecting changes nothing.
 */
package io.coffer.replication.monitor;
