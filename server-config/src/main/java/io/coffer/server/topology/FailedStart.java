package io.coffer.server.topology;

/**
 * A host's server did not come up: its start command failed, or the server exited, lost its PID file, or never
 * answered. What it left running is stopped, and the start is tried again, a bounded number of times.
 */
public class FailedStart extends CliException {

    private static final long serialVersionUID = 1L;

    public FailedStart(String message) {
        super(message);
    }
}
