package io.coffer.health.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where health probes run: the server's default managed executor, found by its global name (a bare {@code @Resource}
 * of this CDI bean was not bound by the server), or, if the server names it otherwise, a small pool of its own.
 */
@ApplicationScoped
public class ProbeExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(ProbeExecutor.class.getName());
    private static final String[] NAMES = {
        "concurrent/__defaultManagedExecutorService", "java:comp/DefaultManagedExecutorService"
    };

    private Executor delegate;
    private ExecutorService own;

    @Override
    public void execute(Runnable probe) {
        delegate().execute(probe);
    }

    private synchronized Executor delegate() {
        if (delegate == null) {
            for (String name : NAMES) {
                try {
                    delegate = InitialContext.doLookup(name);
                    return delegate;
                } catch (NamingException | ClassCastException notThere) {
                    // try the next name
                }
            }
            LOG.warning("no managed executor found for the health probes; they run on a pool of their own");
            own = Executors.newCachedThreadPool(probe -> {
                Thread thread = new Thread(probe, "coffer-health-probe");
                thread.setDaemon(true);
                return thread;
            });
            delegate = own;
        }
        return delegate;
    }

    @PreDestroy
    void stop() {
        if (own != null) {
            own.shutdownNow();
        }
    }
}
