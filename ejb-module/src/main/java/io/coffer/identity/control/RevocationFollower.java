package io.coffer.identity.control;

import io.coffer.platform.grid.ChangeFollowing;
import io.coffer.platform.grid.ChangeSignals;
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
    ChangeSignals signals;

    @Inject
    ApiKeyCache cache;

    private volatile ChangeFollowing following;

    @PostConstruct
    void start() {
        following = ChangeFollowing.of(signals, ApiKeyRevocations.SIGNAL, cache::clear)
                .lookingEvery(Duration.ofMillis(500))
                .start(executor);
    }

    @PreDestroy
    void stop() {
        ChangeFollowing.stopIfStarted(following);
    }
}
