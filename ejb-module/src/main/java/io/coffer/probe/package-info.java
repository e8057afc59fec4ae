/**
 * Replication probes: an operator writes a probe into a remote store (the base store or a shard's) and reads it back
 * from the local store of any host, proving that the whole write path carries data end to end: JAX-RS resource, EJB,
 * JPA on the remote store, interception, JMS, the MDB, and the host's local store.
 *
 * <p>Rules: a probe carries no secret; its id is unique across every store; it is written only to a remote store and
 * reaches local stores only through replication.
 */
package io.coffer.probe;
