package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import java.util.Optional;

/** Serves data-plane reads of a store from one side: the remote store, this host's local store, or both. */
interface StoreAccessor {

    <T> Optional<T> read(StoreId store, StoreRead<T> read);
}
