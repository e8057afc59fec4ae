package io.coffer.shard.control;

import io.coffer.platform.grid.ChangeSignals;
import io.coffer.platform.grid.ChangeWatch;
import io.coffer.platform.time.PeriodicTask;
import io.coffer.routing.control.StoreSettingsCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's copy of the store settings current: reads them again when another instance signals a switch
 * through the data grid (looked for five times a second), and every second in any case.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoreSettingsFollower {

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    StoreSettingsCache settings;

    @Inject
    ChangeSignals signals;

    private final ChangeWatch watch = new ChangeWatch();
    private volatile PeriodicTask following;
    private volatile PeriodicTask watching;

    @PostConstruct
    void start() {
        following = PeriodicTask.start(executor, settings::refresh, 1, 1, TimeUnit.SECONDS);
        watching = PeriodicTask.start(executor, this::watch, 200, 200, TimeUnit.MILLISECONDS);
    }

    void watch() {
        if (watch.moved(signals.generation(StoreSettingsCache.SIGNAL))) {
            settings.refresh();
        }
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(watching);
        PeriodicTask.stopIfStarted(following);
    }
}
