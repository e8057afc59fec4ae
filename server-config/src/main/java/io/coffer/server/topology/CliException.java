package io.coffer.server.topology;

/** A failure the user can act on: printed as one clear message (and where its log is), never as a stack trace. */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
