package io.coffer.server.topology;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Prints what the CLI is doing, one line per step with how long it took, so a slow start is never silent. */
public final class Progress {

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    /** Runs one step, printing its start and its outcome. */
    public <T> T step(String what, StepWork<T> work) {
        Instant started = Instant.now();
        synchronized (out) {
            out.println("  .. " + what);
            out.flush();
        }
        try {
            T result = work.run();
            done(what, started);
            return result;
        } catch (CliException failure) {
            synchronized (out) {
                out.println("  !! " + what + " failed");
                out.flush();
            }
            throw failure;
        } catch (Exception failure) {
            synchronized (out) {
                out.println("  !! " + what + " failed");
                out.flush();
            }
            throw new CliException(what + " failed: " + failure.getMessage(), failure);
        }
    }

    public void step(String what, StepAction action) {
        step(what, () -> {
            action.run();
            return null;
        });
    }

    public void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private void done(String what, Instant started) {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        synchronized (out) {
            out.println(String.format(Locale.ROOT, "  ok %s (%.1f s)", what, seconds));
            out.flush();
        }
    }

    @FunctionalInterface
    public interface StepWork<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    public interface StepAction {
        void run() throws Exception;
    }
}
