package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;

/** A caller asked for a store this instance does not know: a routing bug or a shard that is not configured here. */
public class UnknownStoreException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownStoreException(StoreId store) {
        super("no store named '" + store + "' is configured on this instance");
    }
}
