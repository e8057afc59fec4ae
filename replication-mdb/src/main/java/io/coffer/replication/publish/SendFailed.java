package io.coffer.replication.publish;

import jakarta.ejb.ApplicationException;

/**
 * A send to the broker that failed or ran out of time. The entries stay in the log above the sent mark and are sent
 * again by a later run; meanwhile hosts can catch up from the log.
 */
@ApplicationException
public class SendFailed extends RuntimeException {

    public SendFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
