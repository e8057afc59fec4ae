package io.coffer.routing.control;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * Hands out the entity manager of the store a read or a write belongs to: the base store, a shard's remote store,
 * or this instance's local store. It owns one persistence unit per store, opened on first use from the templates in
 * {@link StoreUnits} (and only once replication's {@link ReplicationHooks} are installed, so that no write escapes
 * capture); it joins the entity managers it hands out to the caller's JTA transaction, and runs a read outside one on
 * an entity manager of the read's own.
 *
 * <p><b>A transaction writes one store.</b> The first store handed out for writing ({@link #remote}, {@link #base},
 * {@link #shard}, {@link #local}) is the transaction's; asking for another one fails. With one resource the
 * transaction manager commits in one phase, so no store ever holds a prepared, in-doubt branch: a host killed in the
 * middle of a write leaves at most an unprepared transaction, which the store rolls back within its transaction
 * timeout, and never row locks that only that host's restart would release. A read of another store
 * ({@link #readRemote}, {@link #readLocal}) runs on that store's non-transactional connections instead of joining
 * the transaction. A use case that
 * writes two stores writes them in two transactions, in an order whose interruption leaves a state the next request
 * or a repair resolves (see the secret and key services).
 */
@ApplicationScoped
public class ShardRouter {

    /**
     * Outside a transaction EclipseLink takes a pooled connection for every query and hands it back right after; a
     * read of several queries keeps one connection instead, until its entity manager closes.
     */
    private static final Map<String, Object> ONE_CONNECTION =
            Map.of("eclipselink.jdbc.exclusive-connection.mode", "Always");

    /** The transaction's resource naming the one store it writes. */
    private static final String WRITES = ShardRouter.class.getName() + ".writes";

    private static final String LOCAL = "local";

    @Inject
    CofferSettings settings;

    @Inject
    TransactionalEntityManagers transactional;

    @Inject
    StoreDataSources dataSources;

    private final Map<StoreId, LazyUnit> remoteUnits = new ConcurrentHashMap<>();
    private final LazyUnit localUnit = new LazyUnit(this::openLocalUnit);
    /** Per store, the unit of reads inside a transaction that writes another store. */
    private final Map<String, LazyUnit> readers = new ConcurrentHashMap<>();
    /** Names this deployment's persistence sessions apart from any earlier deployment's. */
    private final String deployment = UUID.randomUUID().toString().substring(0, 8);

    /** The entity manager the local reads of this thread share, while {@link #sharingLocalReads} runs. */
    private final ThreadLocal<EntityManager[]> sharedLocal = new ThreadLocal<>();

    private volatile ReplicationHooks hooks;
    private volatile boolean closed;

    /** Installs replication's hooks; no store opens before they are there. */
    public void install(ReplicationHooks replicationHooks) {
        this.hooks = replicationHooks;
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

    /** The remote store named, base or shard, joined to the caller's transaction. */
    public EntityManager remote(StoreId store) {
        requireTransaction();
        claim(store.name());
        return transactional.forUnit(remoteUnit(store));
    }

    /** This instance's own local store, joined to the caller's transaction. */
    public EntityManager local() {
        requireTransaction();
        claim(LOCAL);
        return transactional.forUnit(localUnit());
    }

    private static void claim(String store) {
        TransactionSynchronizationRegistry registry = TransactionRegistry.get();
        Object writes = registry.getResource(WRITES);
        if (writes == null) {
            registry.putResource(WRITES, store);
        } else if (!writes.equals(store)) {
            throw new IllegalStateException("a transaction writes one store: this one writes " + writes
                    + " and was about to enlist " + store + " too");
        }
    }

    /**
     * Runs a read on a remote store: inside the caller's transaction when there is one, otherwise on an entity manager
     * of its own that is closed right after, with no JTA transaction at all (reads need none, and a transaction
     * spanning two stores would cost a two-phase commit).
     */
    public <T> T readRemote(StoreId store, Function<EntityManager, T> query) {
        return read(store.name(), remoteUnit(store), query);
    }

    /** Runs a read on this instance's local store, as {@link #readRemote} does. */
    public <T> T readLocal(Function<EntityManager, T> query) {
        EntityManager[] shared = sharedLocal.get();
        if (shared == null || TransactionRegistry.isActive()) {
            return read(LOCAL, localUnit(), query);
        }
        if (shared[0] == null) {
            shared[0] = localUnit().createEntityManager(ONE_CONNECTION);
        }
        return query.apply(shared[0]);
    }

    /**
     * Runs work whose local reads outside a transaction share one entity manager (and its one connection), opened by
     * the first of them and closed when the work ends: the reads of one request (a route, then the bundle) pay for
     * one entity manager and one pooled connection instead of one each. Nothing outlives the call.
     */
    public <T> T sharingLocalReads(Supplier<T> work) {
        if (sharedLocal.get() != null || TransactionRegistry.isActive()) {
            return work.get();
        }
        EntityManager[] shared = new EntityManager[1];
        sharedLocal.set(shared);
        try {
            return work.get();
        } finally {
            sharedLocal.remove();
            if (shared[0] != null) {
                shared[0].close();
            }
        }
    }

    /** Opens a remote store's unit if it is not open yet (creating its tables); needs no transaction. */
    public void open(StoreId store) {
        remoteUnit(store);
    }

    /** Opens this instance's local store if it is not open yet (creating its tables); needs no transaction. */
    public void openLocal() {
        localUnit();
    }

    /**
     * This instance's local persistence unit, opened if it is not yet: its mappings name the tables and keys of rows
     * read from the local store without it (by plain JDBC).
     */
    EntityManagerFactory localMappings() {
        return localUnit();
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

    /**
     * The stores whose replicas this instance keeps: the base store (routing metadata, on every host of every cell)
     * and its cell's shards. Every other shard's store is reachable here, remotely, but replicated and read locally
     * only in its own cell.
     */
    public List<StoreId> servedStores() {
        List<StoreId> stores = new ArrayList<>();
        stores.add(StoreId.BASE);
        stores.addAll(settings.servedShards());
        return stores;
    }

    /** The shards of this instance's cell (every shard when the topology has one cell). */
    public List<StoreId> servedShards() {
        return settings.servedShards();
    }

    /** Whether this instance keeps the store's replica and serves its reads (see {@link #servedStores}). */
    public boolean serves(StoreId store) {
        return store.isBase() || settings.servedShards().contains(store);
    }

    public boolean isKnown(StoreId store) {
        return store.isBase() || settings.shards().contains(store);
    }

    /** The store a client named, if the name is well formed and the store is configured here. */
    public Optional<StoreId> known(String storeName) {
        try {
            return Optional.of(StoreId.of(storeName)).filter(this::isKnown);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * A read joins the caller's transaction only when the transaction writes that store (it sees its own writes);
     * otherwise it runs outside, so that it never makes a second store a party to the commit.
     */
    private <T> T read(String store, EntityManagerFactory unit, Function<EntityManager, T> query) {
        if (TransactionRegistry.isActive()) {
            if (store.equals(TransactionRegistry.get().getResource(WRITES))) {
                return query.apply(transactional.forUnit(unit));
            }
            return readOutside(readerOf(store), query);
        }
        return readOutside(unit, query);
    }

    private static <T> T readOutside(EntityManagerFactory unit, Function<EntityManager, T> query) {
        EntityManager entityManager = unit.createEntityManager(ONE_CONNECTION);
        try {
            return query.apply(entityManager);
        } finally {
            entityManager.close();
        }
    }

    /** The store's reader unit (see {@link StoreUnits#reader}), opened on first use. */
    private EntityManagerFactory readerOf(String store) {
        checkOpen();
        return readers.computeIfAbsent(store, opening -> new LazyUnit(() -> openReader(opening)))
                .get();
    }

    private EntityManagerFactory openReader(String store) {
        boolean local = store.equals(LOCAL);
        DataSource outside = local
                ? dataSources.localOutsideTransactions()
                : dataSources.remoteOutsideTransactions(StoreId.of(store));
        String template = local ? StoreUnits.LOCAL_UNIT : StoreUnits.unitOf(StoreId.of(store));
        Map<String, Object> properties = StoreUnits.reader(outside, "coffer-reader-" + store + "-" + deployment);
        properties.put("eclipselink.session.customizer", (SessionCustomizer) ShardRouter::noReadRetries);
        return open(template, properties);
    }

    private EntityManagerFactory remoteUnit(StoreId store) {
        checkOpen();
        if (!isKnown(store)) {
            throw new UnknownStoreException(store);
        }
        return remoteUnits
                .computeIfAbsent(store, opening -> new LazyUnit(() -> openRemoteUnit(opening)))
                .get();
    }

    private EntityManagerFactory localUnit() {
        checkOpen();
        return localUnit.get();
    }

    private EntityManagerFactory openRemoteUnit(StoreId store) {
        ReplicationHooks replication = installedHooks();
        Map<String, Object> properties = StoreUnits.remote(store, deployment);
        properties.put("eclipselink.session.customizer", (SessionCustomizer) session -> {
            noReadRetries(session);
            replication.attach(store, session);
        });
        return TransactionSuspension.outside(() -> {
            EntityManagerFactory unit = open(StoreUnits.unitOf(store), properties);
            replication.remoteOpened(store);
            return unit;
        });
    }

    /**
     * EclipseLink would retry a read outside a transaction that lost its connection up to three times, five seconds
     * apart: with the server hung, that turned one store deadline into fifteen seconds and more. The deadline has
     * decided; the caller answers 503 and the client retries.
     */
    private static void noReadRetries(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
    }

    private EntityManagerFactory openLocalUnit() {
        ReplicationHooks replication = installedHooks();
        return TransactionSuspension.outside(() -> {
            EntityManagerFactory unit = open(StoreUnits.LOCAL_UNIT, StoreUnits.local(deployment));
            replication.localOpened();
            return unit;
        });
    }

    private static EntityManagerFactory open(String unitName, Map<String, Object> properties) {
        properties.put("eclipselink.classloader", Thread.currentThread().getContextClassLoader());
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

    private ReplicationHooks installedHooks() {
        ReplicationHooks installed = hooks;
        if (installed == null) {
            throw new IllegalStateException("replication is not installed yet; stores stay closed until it is");
        }
        return installed;
    }

    private static void requireTransaction() {
        if (!TransactionRegistry.isActive()) {
            throw new IllegalStateException("store access needs an active JTA transaction");
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
        remoteUnits.values().forEach(LazyUnit::close);
        remoteUnits.clear();
        readers.values().forEach(LazyUnit::close);
        readers.clear();
        localUnit.close();
    }

    /** A persistence unit opened by its first user; when opening fails, the next user tries again. */
    private static final class LazyUnit {

        private final Supplier<EntityManagerFactory> opener;
        private volatile EntityManagerFactory unit;

        LazyUnit(Supplier<EntityManagerFactory> opener) {
            this.opener = opener;
        }

        EntityManagerFactory get() {
            EntityManagerFactory open = unit;
            if (open == null) {
                synchronized (this) {
                    if (unit == null) {
                        unit = opener.get();
                    }
                    open = unit;
                }
            }
            return open;
        }

        synchronized void close() {
            if (unit != null) {
                unit.close();
                unit = null;
            }
        }
    }
}
