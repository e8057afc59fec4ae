/**
 * Shard routing: every read and every write of Coffer goes through the {@link io.coffer.routing.control.ShardRouter},
 * which owns one persistence unit per store and hands out the right {@code EntityManager}; data-plane reads go through
 * {@link io.coffer.routing.control.StoreReads}, which serves each store from the accessor its settings name (REMOTE,
 * LOCAL or HYBRID).
 *
 * <p>Stores: the <em>base</em> remote store holds routing metadata and identities; each <em>shard</em> has its own
 * remote store holding vaults and everything in them; every app-server instance has its own <em>local</em> store, a
 * replica of the base store and of the shards its cell serves.
 *
 * <p>Rules: callers never name a persistence unit or a data source; they ask for a store by its {@link
 * io.coffer.routing.entity.StoreId}. An entity manager the router hands out is joined to the caller's JTA transaction;
 * a read outside one runs on an entity manager of its own, closed right after, or, on the local store, by plain JDBC
 * when the read has that form ({@link io.coffer.routing.control.StoreRead#locallyByRows}): connections of the
 * embedded driver kept with their prepared statements, never enlisted in a transaction, reading rows into the same
 * entities (mapped by hand, column for column). Inside a transaction every read, the local store's too, runs on the
 * transaction's entity manager: the plain connections are not enlisted and would not see its writes. Remote stores are opened only once
 * replication's {@link io.coffer.routing.control.ReplicationHooks} are installed, so that no write can escape capture,
 * and a store's tables are created outside any caller's transaction. The rest of Coffer asks replication what it
 * needs (has this host caught up, has a row reached every host of the cell, who leads the cell, roll a store back)
 * through {@link io.coffer.routing.control.Replication}: this module depends on nothing of replication's, and the
 * ejb-module does not either.
 */
package io.coffer.routing;
