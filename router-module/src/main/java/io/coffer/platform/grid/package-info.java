/**
 * The app server's data grid (Payara's Hazelcast) as JCache: caches shared by every host of the cluster, for state
 * that must be the same on every host (throttling buckets), that tells every host to forget something (revoked API
 * keys), or that tells every host to read something again because it changed (change signals: counters only, the
 * changed rows stay in the base store). A follower of such a signal states only the subject, its refresh and its
 * periods ({@link io.coffer.platform.grid.ChangeFollowing}).
 *
 * <p>Rules: keys and values are JDK types only ({@code String}, {@code Long}), so any member deserializes them
 * whatever application it runs; nothing secret is ever put in a shared cache (no key material, no secret content, no
 * public key either: identifiers and times only); a host without the grid goes on working, each feature saying what
 * it does instead; a throttled request and an admin request announcing a change wait for a grid that does not answer
 * no longer than a bounded patience (the announce: {@link io.coffer.platform.grid.BoundedGridCalls}).
 */
package io.coffer.platform.grid;
