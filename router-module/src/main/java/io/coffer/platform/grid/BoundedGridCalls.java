package io.coffer.platform.grid;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Grid calls made for a caller that must not wait on a hung grid (a request taking a throttling token, an admin
 * request whose change is already committed): each call runs on threads of its own and the caller waits for it at most
 * {@code patience}, then gets no answer; a grid member that hangs would otherwise hold the caller for the grid's
 * whole operation timeout. A call not answered in time is only no longer waited for: it goes on on its thread and may
 * still reach the grid (a late signal is still a signal), ending at the latest with the grid's own timeout. Said once
 * per outage: the first failure warns, the first answer after it says the grid answers again.
 */
public final class BoundedGridCalls implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BoundedGridCalls.class.getName());
    private static final String[] THREAD_FACTORIES = {
        "concurrent/__defaultManagedThreadFactory", "java:comp/DefaultManagedThreadFactory"
    };

    private final ExecutorService executor;
    private final Duration patience;
    private final AtomicBoolean failing = new AtomicBoolean();

    public BoundedGridCalls(ExecutorService executor, Duration patience) {
        this.executor = executor;
        this.patience = patience;
    }

    /**
     * Calls on a pool of {@code threads} of the server's managed thread factory, found by its global name (as the health
     * probes find their executor; call this on an application thread), or of plain daemon threads named {@code name}
     * where the server names it otherwise: grid calls need nothing of the application's context.
     */
    public static BoundedGridCalls onServerThreads(String name, int threads, Duration patience) {
        return new BoundedGridCalls(Executors.newFixedThreadPool(threads, serverThreads(name)), patience);
    }

    private static ThreadFactory serverThreads(String name) {
        for (String factory : THREAD_FACTORIES) {
            try {
                return InitialContext.doLookup(factory);
            } catch (NamingException | RuntimeException notThere) {
                // try the next name
            }
        }
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The call's answer, or empty when it did not answer within the patience or failed.
     *
     * @param what      what the call does, for the log (e.g. {@code telling the data grid that store-settings changed})
     * @param otherwise what follows when it cannot, for the log
     */
    public <T> Optional<T> call(Supplier<T> call, String what, String otherwise) {
        Future<T> answer;
        try {
            answer = executor.submit(call::get);
        } catch (RejectedExecutionException shutDown) {
            failed(what, otherwise, shutDown.toString());
            return Optional.empty();
        }
        try {
            T answered = answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (failing.compareAndSet(true, false)) {
                LOG.info("the data grid answers again (" + what + ")");
            }
            return Optional.ofNullable(answered);
        } catch (TimeoutException late) {
            failed(what, otherwise, "no answer within " + patience.toMillis() + " ms");
        } catch (ExecutionException failure) {
            failed(what, otherwise, String.valueOf(failure.getCause()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Stops the threads; a call after this has no answer. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void failed(String what, String otherwise, String why) {
        if (failing.compareAndSet(false, true)) {
            LOG.warning(
                    what + " failed (" + why + "); " + otherwise + ". Said once until the data grid answers again.");
        }
    }
}
