package io.coffer.replication.migration;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreNames;
import io.coffer.routing.entity.MigrationPhase;
import io.coffer.routing.entity.MigrationRefused;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreMigration;
import io.coffer.routing.entity.StoreSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A store's migration as the operator drives it: its phase row and the switches the phase stands for, changed
 * together in one transaction on the base store (see {@link StoreMigration} for the rules).
 */
@Stateless
public class MigrationService {

    @Inject
    ShardRouter router;

    @EJB
    MigrationProgress progress;

    @Inject
    Replication replication;

    @Inject
    @RealTime
    Clock clock;

    @Inject
    CofferSettings settings;

    @Inject
    StoreConnections connections;

    /** A store's migration row and its settings, as committed. */
    public record Current(StoreMigration migration, StoreSettings settings) {}

    /** The store's migration (made from its switches when it has none yet). */
    public Current get(String storeName) {
        return current(known(storeName));
    }

    /**
     * Gives the store its migration row if it has none yet; every host's runner calls it on start, so a fresh
     * install's stores are switched over before the first customer request.
     */
    public void adopt(StoreId store) {
        current(store);
    }

    public Current advance(String storeName, boolean force, String operator) {
        StoreId store = known(storeName);
        MigrationProgress.Work work = progress.of(store);
        return transition(
                store,
                migration -> migration.advance(
                        work.evidence(migration, clock.instant(), settings.liveVerifierQuietWindow()),
                        force,
                        operator,
                        clock.instant()),
                operator);
    }

    public Current rollBack(String storeName, String operator) {
        return transition(known(storeName), migration -> migration.rollBack(operator, clock.instant()), operator);
    }

    public Current pause(String storeName, String operator) {
        return transition(known(storeName), migration -> migration.pause(operator, clock.instant()), operator);
    }

    public Current resume(String storeName, String operator) {
        return transition(known(storeName), migration -> migration.resume(operator, clock.instant()), operator);
    }

    public Current limitBackfill(String storeName, long entitiesPerSecond, String operator) {
        StoreId store = known(storeName);
        try {
            return transition(
                    store,
                    migration -> migration.limitBackfill(entitiesPerSecond, operator, clock.instant()),
                    operator);
        } catch (IllegalArgumentException invalid) {
            throw CofferException.invalid(invalid.getMessage());
        }
    }

    private Current transition(StoreId store, Consumer<StoreMigration> change, String operator) {
        EntityManager base = router.base();
        Current current = current(store);
        StoreSettings settings = current.settings();
        base.lock(settings, LockModeType.PESSIMISTIC_WRITE);
        StoreMigration migration = current.migration();
        base.lock(migration, LockModeType.PESSIMISTIC_WRITE);
        MigrationPhase before = migration.phase();
        try {
            change.accept(migration);
        } catch (MigrationRefused refused) {
            throw new IncorrectStateException(refused.getMessage());
        }
        if (migration.phase() != before) {
            boolean wasCapturing = settings.captureEnabled();
            migration.applyTo(settings, operator, clock.instant());
            base.flush();
            if (wasCapturing && !settings.captureEnabled()) {
                // Back to REMOTE_ONLY, today's capture-off: the log is emptied and every host drops its replica.
                replication.rollBack(store);
            }
            migration.followedBy(settings);
        }
        base.flush();
        return new Current(migration, settings);
    }

    /**
     * The store's migration row and settings, the row made on first use: a store whose settings are as installed and
     * whose log carries every row it holds has nothing to migrate and starts {@code SWITCHED_OVER} (reads served
     * locally); any other store starts in the phase its switches stand for, so an install with data keeps serving
     * as it did.
     */
    private Current current(StoreId store) {
        EntityManager base = router.base();
        StoreMigration migration = base.find(StoreMigration.class, store.name());
        if (migration == null) {
            // Looked at before this transaction writes anything, so that the scan never waits on its own rows.
            StoreSettings made = base.find(StoreSettings.class, store.name());
            boolean nothingToMigrate = (made == null || made.asInstalled()) && logCarriesEveryRow(store);
            StoreSettings settings = settingsOf(store);
            migration = new StoreMigration(
                    store,
                    MigrationPhase.initial(!nothingToMigrate, settings.captureEnabled(), settings.reads()),
                    clock.instant());
            if (nothingToMigrate) {
                migration.applyTo(settings, StoreSettings.INSTALL, clock.instant());
                base.flush();
            }
            migration.followedBy(settings);
            base.persist(migration);
            base.flush();
            return new Current(migration, settings);
        }
        return new Current(migration, settingsOf(store));
    }

    private boolean logCarriesEveryRow(StoreId store) {
        SortedMap<String, String> tables = new TreeMap<>(router.readRemote(store, ReplicatedTables::of));
        try (Connection remote = connections.remote(store)) {
            return LogCoverage.firstUncoveredTable(remote, tables).isEmpty();
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot tell whether store " + store + " holds rows to migrate", failure);
        }
    }

    private StoreSettings settingsOf(StoreId store) {
        return StoreNames.settings(router.base(), store, clock.instant(), false);
    }

    private StoreId known(String storeName) {
        return StoreNames.known(router, storeName, "shard");
    }
}
