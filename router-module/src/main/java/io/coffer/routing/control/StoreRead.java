package io.coffer.routing.control;

import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One data-plane read, as any accessor can run it: the query, and when a locally found result may be served
 * (a secret still CREATING on this host's replica is not; the remote store has the ACTIVE one).
 */
public final class StoreRead<T> {

    private final String what;
    private final Function<EntityManager, Optional<T>> query;
    private final Predicate<T> servableLocally;

    private StoreRead(String what, Function<EntityManager, Optional<T>> query, Predicate<T> servableLocally) {
        this.what = what;
        this.query = query;
        this.servableLocally = servableLocally;
    }

    /** @param what names the read in metrics and messages, e.g. {@code secret-bundle} */
    public static <T> StoreRead<T> of(String what, Function<EntityManager, Optional<T>> query) {
        return new StoreRead<>(what, query, found -> true);
    }

    public StoreRead<T> servableLocallyWhen(Predicate<T> condition) {
        return new StoreRead<>(what, query, condition);
    }

    /** The same read, handing what it found (and the entity manager it ran on) to {@code observer} as well. */
    StoreRead<T> observed(BiConsumer<EntityManager, T> observer) {
        return new StoreRead<>(
                what,
                entityManager -> {
                    Optional<T> found = query.apply(entityManager);
                    found.ifPresent(value -> observer.accept(entityManager, value));
                    return found;
                },
                servableLocally);
    }

    public String what() {
        return what;
    }

    Optional<T> runOn(EntityManager entityManager) {
        return query.apply(entityManager);
    }

    boolean servableLocally(T found) {
        return servableLocally.test(found);
    }
}
