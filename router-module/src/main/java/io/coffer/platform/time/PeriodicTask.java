package io.coffer.platform.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Background work repeated with a fixed delay on a managed executor, that stops cleanly: {@link #stop} prevents
 * further runs and waits for a run in progress to finish. Undeploying the application otherwise tears its beans down
 * under a running transaction; a publisher interrupted that way left its transaction open on a pooled connection,
 * holding the store's publisher row locked for the next deployment.
 */
public final class PeriodicTask {

    /** How long a stop waits for a run in progress: longer than a store's lock wait, so a blocked run can end. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ReentrantLock running = new ReentrantLock();
    private final Runnable work;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> future;

    private PeriodicTask(Runnable work) {
        this.work = work;
    }

    public static PeriodicTask start(
            ScheduledExecutorService executor, Runnable work, long initialDelay, long delay, TimeUnit unit) {
        PeriodicTask task = new PeriodicTask(work);
        task.future = executor.scheduleWithFixedDelay(task::runOnce, initialDelay, delay, unit);
        return task;
    }

    private void runOnce() {
        if (stopped) {
            return;
        }
        running.lock();
        try {
            if (!stopped) {
                work.run();
            }
        } finally {
            running.unlock();
        }
    }

    /** No run starts after this returns, and none is still running unless it outlasted {@link #PATIENCE}. */
    public void stop() {
        stopped = true;
        ScheduledFuture<?> scheduled = future;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        try {
            // reentrant: a task that stops itself from inside its own run does not wait for itself
            if (running.tryLock(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a task that was started; a bean torn down before its start left {@code null}, and nothing to stop. */
    public static void stopIfStarted(PeriodicTask task) {
        if (task != null) {
            task.stop();
        }
    }

    public boolean isStopped() {
        return stopped;
    }
}
