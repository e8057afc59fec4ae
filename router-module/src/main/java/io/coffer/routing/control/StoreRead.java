package io.coffer.routing.control;

import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One data-plane read, as any accessor can run it: the query, and when a locally found result may be served
 * (a secret still CREATING on this host's replica is not; the remote store has the ACTIVE one). A read may also say
 * how this host's local store answers the same question more cheaply ({@link #locally}): a remote store pays a round
 * trip per statement, the embedded local store does not, so the cheapest form of a read differs between them.
 */
public final class StoreRead<T> {

    private final String what;
    private final Function<EntityManager, Optional<T>> query;
    private final Function<EntityManager, Optional<T>> localQuery;
    private final Predicate<T> servableLocally;

    private StoreRead(
            String what,
            Function<EntityManager, Optional<T>> query,
            Function<EntityManager, Optional<T>> localQuery,
            Predicate<T> servableLocally) {
        this.what = what;
        this.query = query;
        this.localQuery = localQuery;
        this.servableLocally = servableLocally;
    }

    /** @param what names the read in metrics and messages, e.g. {@code secret-bundle} */
    public static <T> StoreRead<T> of(String what, Function<EntityManager, Optional<T>> query) {
        return new StoreRead<>(what, query, query, found -> true);
    }

    public StoreRead<T> servableLocallyWhen(Predicate<T> condition) {
        return new StoreRead<>(what, query, localQuery, condition);
    }

    /** The same read on this host's local store, written for it; it must find what {@code query} would find there. */
    public StoreRead<T> locally(Function<EntityManager, Optional<T>> onLocalStore) {
        return new StoreRead<>(what, query, onLocalStore, servableLocally);
    }

    /** The same read, handing what it found (and the entity manager it ran on) to {@code observer} as well. */
    StoreRead<T> observed(BiConsumer<EntityManager, T> observer) {
        return new StoreRead<>(what, observing(query, observer), observing(localQuery, observer), servableLocally);
    }

    private static <T> Function<EntityManager, Optional<T>> observing(
            Function<EntityManager, Optional<T>> query, BiConsumer<EntityManager, T> observer) {
        return entityManager -> {
            Optional<T> found = query.apply(entityManager);
            found.ifPresent(value -> observer.accept(entityManager, value));
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

    boolean servableLocally(T found) {
        return servableLocally.test(found);
    }
}
