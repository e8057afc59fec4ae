package io.coffer.health.boundary;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One health probe of a dependency, started at once on another thread and waited for no longer than a deadline: a hung
 * dependency makes its check DOWN in bounded time instead of holding {@code /health}. The probe's own thread ends when
 * the driver's deadline ends the call.
 */
final class BoundedProbe {

    static final String UP = "UP";

    private final CompletableFuture<String> answer;
    private final Duration deadline;
    private final long deadlineNanos;

    private BoundedProbe(CompletableFuture<String> answer, Duration deadline, long deadlineNanos) {
        this.answer = answer;
        this.deadline = deadline;
        this.deadlineNanos = deadlineNanos;
    }

    /** @param probe answers {@link #UP} or throws; its failure's message is reported */
    static BoundedProbe start(Callable<String> probe, Duration deadline, Executor executor) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return probe.call();
                    } catch (Exception failure) {
                        return "DOWN: " + failure.getMessage();
                    }
                },
                executor);
        return new BoundedProbe(answer, deadline, deadlineNanos);
    }

    /** {@code UP}, or {@code DOWN: } and why, at the latest when the deadline passes. */
    String result() {
        try {
            return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException hung) {
            return "DOWN: no answer within " + deadline.toMillis() + " ms";
        } catch (ExecutionException failed) {
            return "DOWN: " + failed.getCause().getMessage();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        }
    }
}
