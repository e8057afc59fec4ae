package io.coffer.routing.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One data-plane read, as any accessor can run it: the query, and when a locally found result may be served
 * (a secret still CREATING on this host's replica is not; the remote store has the ACTIVE one). A read may also say
 * how this host's local store answers it by plain JDBC ({@link #locallyByRows}): cheaper than EclipseLink on the
 * embedded store, but on connections of its own that are never enlisted in a transaction. So the plain-JDBC form runs
 * only when no transaction is active; inside one, the local store runs the query itself on the transaction's entity
 * manager, which sees the transaction's own writes (a plain connection would not, and could wait on its row locks).
 */
public final class StoreRead<T> {

    private final String what;
    private final Function<EntityManager, Optional<T>> query;
    private final Function<LocalRows, Optional<T>> localRowsQuery;
    private final Predicate<T> servableLocally;

    private StoreRead(
            String what,
            Function<EntityManager, Optional<T>> query,
            Function<LocalRows, Optional<T>> localRowsQuery,
            Predicate<T> servableLocally) {
        this.what = what;
        this.query = query;
        this.localRowsQuery = localRowsQuery;
        this.servableLocally = servableLocally;
    }

    /** @param what names the read in metrics and messages, e.g. {@code secret-bundle} */
    public static <T> StoreRead<T> of(String what, Function<EntityManager, Optional<T>> query) {
        return new StoreRead<>(what, query, null, found -> true);
    }

    public StoreRead<T> servableLocallyWhen(Predicate<T> condition) {
        return new StoreRead<>(what, query, localRowsQuery, condition);
    }

    /**
     * The same read on this host's local store by plain JDBC, outside a transaction: it must find what {@code query}
     * would find there, as the same entities (their row constructors map the columns).
     */
    public StoreRead<T> locallyByRows(Function<LocalRows, Optional<T>> onLocalStore) {
        return new StoreRead<>(what, query, onLocalStore, servableLocally);
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
        return new StoreRead<>(what, observing(query, observer), observedRows, servableLocally);
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

    /** On a remote store, or on this host's local store through its entity manager. */
    Optional<T> runOn(EntityManager entityManager) {
        return query.apply(entityManager);
    }

    /**
     * Whether this host's local store runs the plain-JDBC form: the read has one and no transaction is active
     * ({@code inTransaction}, asked only when the read has the form); otherwise the local store runs {@link #runOn} on
     * its entity manager.
     */
    boolean runsByRowsLocally(BooleanSupplier inTransaction) {
        return localRowsQuery != null && !inTransaction.getAsBoolean();
    }

    /** On this host's local store, by plain JDBC. */
    Optional<T> runLocallyByRows(LocalRows rows) {
        return localRowsQuery.apply(rows);
    }

    boolean servableLocally(T found) {
        return servableLocally.test(found);
    }
}
