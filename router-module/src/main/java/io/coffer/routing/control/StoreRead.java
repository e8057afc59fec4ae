package io.coffer.routing.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One data-plane read, as any accessor can run it: the query, and when a locally found result may be served
 * (a secret still CREATING on this host's replica is not; the remote store has the ACTIVE one). A read may also say
 * how this host's local store answers the same question more cheaply ({@link #locally}): a remote store pays a round
 * trip per statement, the embedded local store does not, so the cheapest form of a read differs between them. The
 * cheapest of all on the local store is a plain-JDBC form ({@link #locallyByRows}), used when no transaction is
 * active (inside one, a read must see the transaction's own writes, so it goes through its entity manager).
 */
public final class StoreRead<T> {

    private final String what;
    private final Function<EntityManager, Optional<T>> query;
    private final Function<EntityManager, Optional<T>> localQuery;
    private final Function<LocalRows, Optional<T>> localRowsQuery;
    private final Predicate<T> servableLocally;

    private StoreRead(
            String what,
            Function<EntityManager, Optional<T>> query,
            Function<EntityManager, Optional<T>> localQuery,
            Function<LocalRows, Optional<T>> localRowsQuery,
            Predicate<T> servableLocally) {
        this.what = what;
        this.query = query;
        this.localQuery = localQuery;
        this.localRowsQuery = localRowsQuery;
        this.servableLocally = servableLocally;
    }

    /** @param what names the read in metrics and messages, e.g. {@code secret-bundle} */
    public static <T> StoreRead<T> of(String what, Function<EntityManager, Optional<T>> query) {
        return new StoreRead<>(what, query, query, null, found -> true);
    }

    public StoreRead<T> servableLocallyWhen(Predicate<T> condition) {
        return new StoreRead<>(what, query, localQuery, localRowsQuery, condition);
    }

    /** The same read on this host's local store, written for it; it must find what {@code query} would find there. */
    public StoreRead<T> locally(Function<EntityManager, Optional<T>> onLocalStore) {
        return new StoreRead<>(what, query, onLocalStore, localRowsQuery, servableLocally);
    }

    /**
     * The same read on this host's local store by plain JDBC, outside a transaction: it must find what the local form
     * would find, as the same entities (their row constructors map the columns).
     */
    public StoreRead<T> locallyByRows(Function<LocalRows, Optional<T>> onLocalStore) {
        return new StoreRead<>(what, query, localQuery, onLocalStore, servableLocally);
    }

    /**
     * The same read, handing what it found to {@code observer} as well, with the persistence unit whose mappings name
     * the rows it found: the one the entity manager belongs to, or the local unit ({@code localUnit}) for a read by
     * plain JDBC.
     */
    StoreRead<T> observed(BiConsumer<EntityManagerFactory, T> observer, Supplier<EntityManagerFactory> localUnit) {
        Function<LocalRows, Optional<T>> observedRows = localRowsQuery == null
                ? null
                : rows -> {
                    Optional<T> found = localRowsQuery.apply(rows);
                    found.ifPresent(value -> observer.accept(localUnit.get(), value));
                    return found;
                };
        return new StoreRead<>(
                what, observing(query, observer), observing(localQuery, observer), observedRows, servableLocally);
    }

    private static <T> Function<EntityManager, Optional<T>> observing(
            Function<EntityManager, Optional<T>> query, BiConsumer<EntityManagerFactory, T> observer) {
        return entityManager -> {
            Optional<T> found = query.apply(entityManager);
            found.ifPresent(value -> observer.accept(entityManager.getEntityManagerFactory(), value));
            return found;
        };
    }

    public String what() {
        return what;
    }

    /** On a remote store. */
    Optional<T> runOn(EntityManager entityManager) {
        return query.apply(entityManager);
    }

    /** On this host's local store. */
    Optional<T> runLocallyOn(EntityManager entityManager) {
        return localQuery.apply(entityManager);
    }

    /** Whether the read has a plain-JDBC form for the local store. */
    boolean hasLocalRowsForm() {
        return localRowsQuery != null;
    }

    /** On this host's local store, by plain JDBC. */
    Optional<T> runLocallyByRows(LocalRows rows) {
        return localRowsQuery.apply(rows);
    }

    boolean servableLocally(T found) {
        return servableLocally.test(found);
    }
}
