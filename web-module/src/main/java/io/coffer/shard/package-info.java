/**
 * Store switches over HTTP ({@code /admin/v1/shards}): every remote store with its read accessor, capture switch and
 * this host's replica position. Rules: a switch is followed by this host at once and by the others within seconds;
 * an unknown accessor or a missing value is refused before anything changes.
 */
package io.coffer.shard;
