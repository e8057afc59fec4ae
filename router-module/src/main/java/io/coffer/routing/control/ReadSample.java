package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;

/**
 * One replicated row a sampled data-plane read returned: what the live verifier compares, this host's replica against
 * the remote store. Names the row only (store, table, key), never its content.
 */
public record ReadSample(StoreId store, String table, String key) {}
