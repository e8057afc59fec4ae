/**
 * Shard routing: every read and every write of Coffer goes through the {@link io.coffer.routing.control.ShardRouter},
 * which owns one persistence unit per store and hands out the right {@code EntityManager}.
 *
 * <p>Stores: the <em>base</em> remote store holds routing metadata and identities; each <em>shard</em> has its own
 * remote store holding vaults and everything in them; every app-server instance has its own <em>local</em> store, a
 * replica of the base store and of the shards its cell serves.
 *
 * <p>Rules: callers never name a persistence unit or a data source; they ask for a store by its {@link
 * io.coffer.routing.entity.StoreId}. Remote stores are opened only once a write capture is installed, so that no
 * write can escape replication.
 */
package io.coffer.routing;
