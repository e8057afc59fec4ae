package io.coffer.replication.apply;

/**
 * An event arrived too far ahead of the host's bookmark to fill the gap inline; the message is redelivered later,
 * by which time the catch-up has applied what was missing.
 */
public class ReplicaBehindException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReplicaBehindException(String message) {
        super(message);
    }
}
