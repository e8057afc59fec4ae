package io.coffer.replication.publish;

import jakarta.ejb.ApplicationException;

/**
 * A publisher run that could not reach its store. An application exception, so the container rolls
 * the run back without logging it as a system failure with a stack trace at every try of an outage; the scheduler
 * says it once per outage instead.
 */
@ApplicationException(rollback = true)
public class PublishFailed extends RuntimeException {

    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
