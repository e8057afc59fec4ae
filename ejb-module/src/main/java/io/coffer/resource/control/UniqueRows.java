package io.coffer.resource.control;

import io.coffer.platform.failure.ConflictException;
import io.coffer.platform.failure.StoreFailures;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Inserts rows whose primary or unique key decides a race (a tenancy's name, a secret's name in its vault, a retry
 * token): the store's unique index is the judge, in the caller's transaction. The loser of a race gets 409 Conflict;
 * any other failure of the write is not a conflict and goes on as it is.
 */
public final class UniqueRows {

    private UniqueRows() {}

    /** Persists and flushes the rows; a key already taken is a {@link ConflictException} with {@code conflict}. */
    public static void insert(EntityManager store, String conflict, Object... rows) {
        try {
            for (Object row : rows) {
                store.persist(row);
            }
            store.flush();
        } catch (PersistenceException raced) {
            if (!StoreFailures.isDuplicateKey(raced)) {
                throw raced;
            }
            throw new ConflictException(conflict, raced);
        }
    }
}
