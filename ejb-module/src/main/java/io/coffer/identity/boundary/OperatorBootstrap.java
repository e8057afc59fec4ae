package io.coffer.identity.boundary;

import io.coffer.identity.control.OperatorFiles;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.PeriodicTask;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * On the first start, makes the operator's credentials (see {@link OperatorFiles}) and registers them in the base
 * store; on every start, makes sure the base store still has them. Off the deployment's critical path: it retries
 * every few seconds until the base store answers.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    IdentityService identities;

    @Inject
    CofferSettings settings;

    private volatile PeriodicTask attempts;
    private volatile boolean done;
    private volatile boolean warned;

    @PostConstruct
    void start() {
        attempts = PeriodicTask.start(executor, this::attempt, 2, 3, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(attempts);
    }

    private void attempt() {
        if (done) {
            return;
        }
        try {
            OperatorFiles.Operator operator = OperatorFiles.ensure(settings.home());
            identities.registerOperator(operator.tenancyId(), operator.userId(), operator.publicKeyPem());
            done = true;
            LOG.info(() -> "operator credentials (OCI SDK config, profile DEFAULT): " + operator.config());
            attempts.stop();
        } catch (Exception notYet) {
            if (!warned) {
                LOG.warning(
                        "the operator's identity is not registered yet (retrying every 3 s): " + notYet.getMessage());
                warned = true;
            }
        }
    }
}
