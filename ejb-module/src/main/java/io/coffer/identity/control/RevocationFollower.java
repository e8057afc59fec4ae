package io.coffer.identity.control;

import io.coffer.platform.grid.ChangeWatch;
import io.coffer.platform.time.PeriodicTask;
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
 * Watches the revocation generation in the data grid twice a second; when another host deleted an API key, this
 * host drops every cached key, so the deleted one is looked up (and refused) on its next use.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RevocationFollower {

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ApiKeyRevocations revocations;

    @Inject
    ApiKeyCache cache;

    private volatile PeriodicTask following;
    private final ChangeWatch watch = new ChangeWatch();

    @PostConstruct
    void start() {
        following = PeriodicTask.start(executor, this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(following);
    }

    void check() {
        if (watch.moved(revocations.generation())) {
            cache.clear();
        }
    }
}
