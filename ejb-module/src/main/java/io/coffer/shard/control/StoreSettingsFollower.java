package io.coffer.shard.control;

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

/** Keeps this instance's copy of the store settings current: a switch made anywhere is followed within seconds. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoreSettingsFollower {

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    StoreSettingsCache settings;

    private volatile PeriodicTask following;

    @PostConstruct
    void start() {
        following = PeriodicTask.start(executor, settings::refresh, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(following);
    }
}
