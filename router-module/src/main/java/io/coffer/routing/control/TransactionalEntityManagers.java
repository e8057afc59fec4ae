package io.coffer.routing.control;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * One entity manager per store and JTA transaction, joined to it and closed when it ends: the same contract as a
 * container-managed persistence context, for units the router opens itself.
 */
@TransactionScoped
public class TransactionalEntityManagers implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient Map<EntityManagerFactory, EntityManager> open = new HashMap<>();

    EntityManager forUnit(EntityManagerFactory factory) {
        return open.computeIfAbsent(factory, unit -> {
            EntityManager entityManager = unit.createEntityManager();
            entityManager.joinTransaction();
            return entityManager;
        });
    }

    @PreDestroy
    void close() {
        open.values().forEach(entityManager -> {
            if (entityManager.isOpen()) {
                entityManager.close();
            }
        });
        open.clear();
    }
}
