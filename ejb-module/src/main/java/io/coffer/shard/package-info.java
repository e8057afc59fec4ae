/**
 * Shards as the operator sees them: every remote store (the base store and each shard's), how its data-plane reads
 * are served (REMOTE, LOCAL or HYBRID) and whether its writes are captured for replication.
 *
 * <p>Rules: a switch is one row in the base store ({@code StoreSettings}), replicated, and followed by every instance
 * within seconds; reads can be served locally only while capture is on; capture can stop only while reads are
 * remote; the base store's capture never stops (its routing metadata is what every host routes by).
 */
package io.coffer.shard;
