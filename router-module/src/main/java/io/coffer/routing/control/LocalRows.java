package io.coffer.routing.control;

import io.coffer.routing.entity.StoredRow;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plain-JDBC reads of this host's local store, by one key: the cheap form of a data-plane read on the embedded store
 * (see {@link StoreRead#locallyByRows}). Each statement is prepared once per connection and kept; rows are mapped by
 * hand ({@link StoredRow}). A failure is thrown as a {@code PersistenceException} with the {@code SQLException} as its
 * cause, as EclipseLink throws it, so that callers and the boundary treat both alike.
 */
public interface LocalRows {

    /** The one row {@code sql} finds for {@code key} (its only parameter), mapped; empty when there is none. */
    <T> Optional<T> one(String sql, String key, Function<StoredRow, T> mapping);

    /** Every row {@code sql} finds for {@code key} (its only parameter), mapped, in the statement's order. */
    <T> List<T> all(String sql, String key, Function<StoredRow, T> mapping);
}
