package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import io.coffer.platform.settings.CofferSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.config.SessionCustomizer;

/**
 * Hands out the entity manager of the store a read or a write belongs to: the base store, a shard's remote store,
 * or this instance's local store. It owns one persistence unit per store, opened on first use from the templates in
 * {@link StoreUnits}, and joins every entity manager to the caller's JTA transaction.
 */
@ApplicationScoped
public class ShardRouter {

    @Inject
    CofferSettings settings;

    @Inject
    TransactionalEntityManagers transactional;


    /**
     * Outside a transaction EclipseLink takes a pooled connection for every query and hands it back right after; a
     * read of several queries keeps one connection instead, until its entity manager closes.
     */
    private static final Map<String, Object> ONE_CONNECTION = Map.of("eclipselink.jdbc.exclusive-connection.mode", "Always");

    private final Map<StoreId, EntityManagerFactory> remoteUnits = new ConcurrentHashMap<>();
    private volatile EntityManagerFactory localUnit;
    private volatile ReplicationHooks replication;
    private volatile boolean closed;
    /** Names this deployment's persistence sessions apart from any earlier deployment's. */
    private final String deployment = java.util.UUID.randomUUID().toString().substring(0, 8);

    /** Installs replication's hooks; no store opens before they are there. */
    public void install(ReplicationHooks hooks) {
        this.replication = hooks;
    }

    /** The base store: routing metadata, tenancies and their principals. */
    public EntityManager base() {
        return remote(StoreId.BASE);
    }

    /** The remote store of one shard. */
    public EntityManager shard(StoreId shard) {
        if (shard.isBase() || !settings.shards().contains(shard)) {
            throw new UnknownStoreException(shard);
        }
        return remote(shard);
    }

    /** The remote store named, base or shard. */
    public EntityManager remote(StoreId store) {
        requireTransaction();
        return transactional.forUnit("remote:" + store.name(), remoteUnit(store));
    }

    /**
     * Runs a read on a remote store: inside the caller's transaction when there is one, otherwise on an entity manager
     * of its own that is closed right after, with no JTA transaction at all (reads need none, and a transaction
     * spanning two stores would cost a two-phase commit).
     */
    public <T> T readRemote(StoreId store, java.util.function.Function<EntityManager, T> query) {
        if (inTransaction()) {
            return query.apply(remote(store));
        }
        EntityManager entityManager = remoteUnit(store).createEntityManager(ONE_CONNECTION);
        try {
            return query.apply(entityManager);
        } finally {
            entityManager.close();
        }
    }

    /** Runs a read on this instance's local store, as {@link #readRemote} does. */
    public <T> T readLocal(java.util.function.Function<EntityManager, T> query) {
        if (inTransaction()) {
            return query.apply(local());
        }
        EntityManager entityManager = localUnit().createEntityManager(ONE_CONNECTION);
        try {
            return query.apply(entityManager);
        } finally {
            entityManager.close();
        }
    }

    private boolean inTransaction() {
        return TransactionRegistry.get().getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /** This instance's own local store. */
    public EntityManager local() {
        requireTransaction();
        return transactional.forUnit("local", localUnit());
    }

    /** Opens a remote store's unit if it is not open yet (creating its tables); needs no transaction. */
    public void open(StoreId store) {
        remoteUnit(store);
    }

    /**
     * The tables of the store's {@link io.coffer.routing.entity.Replicated} entities with their primary-key column:
     * what replication carries from that store, and what a checksum of it covers.
     */
    public java.util.SortedMap<String, String> replicatedTables(StoreId store) {
        org.eclipse.persistence.sessions.Session session = remoteUnit(store)
                .unwrap(org.eclipse.persistence.jpa.JpaEntityManagerFactory.class).getDatabaseSession();
        java.util.SortedMap<String, String> tables = new java.util.TreeMap<>();
        session.getDescriptors().values().forEach(descriptor -> {
            if (descriptor.getJavaClass().isAnnotationPresent(io.coffer.routing.entity.Replicated.class)) {
                tables.put(descriptor.getTableName(), descriptor.getPrimaryKeyFields().get(0).getName());
            }
        });
        return tables;
    }

    /** Opens this instance's local store if it is not open yet (creating its tables); needs no transaction. */
    public void openLocal() {
        localUnit();
    }

    /** Whether this host's local replica of the store has caught up since the host started (false before that). */
    public boolean replicaCaughtUp(StoreId store) {
        ReplicationHooks hooks = replication;
        return hooks != null && hooks.caughtUp(store);
    }

    /** See {@link ReplicationHooks#appliedByEveryHost}. */
    public long appliedByEveryHost(StoreId store) {
        return hooks().appliedByEveryHost(store);
    }

    /** See {@link ReplicationHooks#lastSequences}. */
    public java.util.Map<String, Long> lastSequences(StoreId store, String table, java.util.Collection<String> keys) {
        return hooks().lastSequences(store, table, keys);
    }

    /** See {@link ReplicationHooks#leadsCell}. */
    public boolean leadsCell() {
        return hooks().leadsCell();
    }

    /** See {@link ReplicationHooks#rollBack}. */
    public void rollBackReplication(StoreId store) {
        hooks().rollBack(store);
    }

    /** The shards configured on this instance. */
    public List<StoreId> shards() {
        return settings.shards();
    }

    /** The base store followed by every shard store: every store that has an outbox. */
    public List<StoreId> remoteStores() {
        List<StoreId> stores = new ArrayList<>();
        stores.add(StoreId.BASE);
        stores.addAll(settings.shards());
        return stores;
    }

    public boolean isKnown(StoreId store) {
        return store.isBase() || settings.shards().contains(store);
    }

    /** The JTA data source of a remote store, for replication's own tables. */
    public DataSource remoteDataSource(StoreId store) {
        if (!isKnown(store)) {
            throw new UnknownStoreException(store);
        }
        return lookup(store.jdbcResource());
    }

    public DataSource localDataSource() {
        return lookup(StoreUnits.LOCAL_RESOURCE);
    }

    private EntityManagerFactory remoteUnit(StoreId store) {
        checkOpen();
        if (!isKnown(store)) {
            throw new UnknownStoreException(store);
        }
        EntityManagerFactory unit = remoteUnits.get(store);
        if (unit == null) {
            synchronized (remoteUnits) {
                unit = remoteUnits.get(store);
                if (unit == null) {
                    unit = openRemote(store);
                    remoteUnits.put(store, unit);
                }
            }
        }
        return unit;
    }

    private EntityManagerFactory openRemote(StoreId store) {
        ReplicationHooks hooks = hooks();
        Map<String, Object> properties = StoreUnits.remote(store, deployment);
        properties.put("eclipselink.session.customizer", (SessionCustomizer) session -> hooks.attach(store, session));
        return outsideTransaction(() -> {
            EntityManagerFactory unit = open(StoreUnits.unitOf(store), properties);
            hooks.remoteOpened(store, remoteDataSource(store));
            return unit;
        });
    }

    private EntityManagerFactory localUnit() {
        checkOpen();
        EntityManagerFactory unit = localUnit;
        if (unit == null) {
            synchronized (this) {
                if (localUnit == null) {
                    ReplicationHooks hooks = hooks();
                    localUnit = outsideTransaction(() -> {
                        EntityManagerFactory opened = open(StoreUnits.LOCAL_UNIT, StoreUnits.local(deployment));
                        hooks.localOpened(localDataSource());
                        return opened;
                    });
                }
                unit = localUnit;
            }
        }
        return unit;
    }

    private EntityManagerFactory open(String unitName, Map<String, Object> properties) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        properties.put("eclipselink.classloader", loader);
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(unitName, properties);
        try {
            // Log in now, so that an unreachable store fails here and is retried on the next call.
            factory.createEntityManager().close();
            factory.getMetamodel();
            return factory;
        } catch (RuntimeException failure) {
            factory.close();
            throw failure;
        }
    }

    private ReplicationHooks hooks() {
        ReplicationHooks hooks = replication;
        if (hooks == null) {
            throw new IllegalStateException("replication is not installed yet; stores stay closed until it is");
        }
        return hooks;
    }

    /** Schema generation must not ride on a caller's transaction: a rollback would undo it behind the unit's back. */
    private static <T> T outsideTransaction(Supplier<T> work) {
        TransactionManager manager = transactionManager();
        Transaction suspended;
        try {
            suspended = manager.suspend();
        } catch (SystemException failure) {
            throw new IllegalStateException("could not suspend the caller's transaction", failure);
        }
        try {
            return work.get();
        } finally {
            if (suspended != null) {
                try {
                    manager.resume(suspended);
                } catch (InvalidTransactionException | SystemException failure) {
                    throw new IllegalStateException("could not resume the caller's transaction", failure);
                }
            }
        }
    }

    private static TransactionManager transactionManager() {
        try {
            return (TransactionManager) new InitialContext().lookup("java:appserver/TransactionManager");
        } catch (NamingException missing) {
            throw new IllegalStateException("no transaction manager at java:appserver/TransactionManager", missing);
        }
    }

    private void requireTransaction() {
        if (TransactionRegistry.get().getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("store access needs an active JTA transaction");
        }
    }

    private static DataSource lookup(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException missing) {
            throw new IllegalStateException("JDBC resource " + jndiName + " is not defined on this server", missing);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application is stopping; its stores are closed");
        }
    }

    @PreDestroy
    void closeUnits() {
        closed = true;
        synchronized (remoteUnits) {
            remoteUnits.values().forEach(EntityManagerFactory::close);
            remoteUnits.clear();
        }
        synchronized (this) {
            if (localUnit != null) {
                localUnit.close();
                localUnit = null;
            }
        }
    }
}
