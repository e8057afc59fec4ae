package io.coffer.shard.control;

import io.coffer.platform.grid.ChangeFollowing;
import io.coffer.platform.grid.ChangeSignals;
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
import java.time.Duration;

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

    private volatile ChangeFollowing following;

    @PostConstruct
    void start() {
        following = ChangeFollowing.of(signals, StoreSettingsCache.SIGNAL, settings::refresh)
                .readingEvery(Duration.ofSeconds(1))
                .start(executor);
    }

    @PreDestroy
    void stop() {
        ChangeFollowing.stopIfStarted(following);
    }
}
