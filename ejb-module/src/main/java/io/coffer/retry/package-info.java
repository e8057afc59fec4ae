/**
 * Idempotent retries ({@code opc-retry-token}): a mutation carrying a token is remembered with a hash of the request
 * in the same transaction as its effect, in the store that effect is written to (the base store for vaults, the
 * vault's shard for keys and secrets). The same token with the same request within 24 hours returns the resource
 * again without a second effect; the same token with a different request is a 409 and changes nothing.
 */
package io.coffer.retry;
