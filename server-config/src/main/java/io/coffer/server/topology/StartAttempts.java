package io.coffer.server.topology;

import java.util.function.Consumer;

/**
 * Runs a start a bounded number of times: after a {@link FailedStart} it cleans up what the attempt left running,
 * says so, and tries again; any other failure ends it at once (trying again would fail the same way).
 *
 * @param what     what is being started, e.g. "host-2"
 * @param attempts how many times at the most
 * @param progress where it says what it does
 */
record StartAttempts(String what, int attempts, Progress progress) {

    StartAttempts {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + attempts);
        }
    }

    /**
     * @param start   one attempt
     * @param cleanUp stops what a failed attempt left running; says what it stopped
     */
    void run(Progress.StepAction start, Consumer<StringBuilder> cleanUp) {
        for (int attempt = 1; ; attempt++) {
            try {
                start.run();
                return;
            } catch (FailedStart failed) {
                StringBuilder stopped = new StringBuilder();
                cleanUp.accept(stopped);
                String left = stopped.length() == 0 ? "" : "; stopped " + stopped;
                if (attempt == attempts) {
                    throw new CliException(what + " did not start in " + attempts + " attempt"
                            + (attempts == 1 ? "" : "s") + "; the last: " + failed.getMessage() + left);
                }
                progress.say("  !! " + failed.getMessage() + left + "; starting " + what + " again (attempt "
                        + (attempt + 1) + " of " + attempts + ")");
            } catch (CliException failed) {
                throw failed;
            } catch (Exception failed) {
                throw new CliException(what + ": " + failed.getMessage(), failed);
            }
        }
    }
}
