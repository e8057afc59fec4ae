package io.coffer.platform.failure;

/**
 * 429 TooManyRequests: the caller's tenancy, or the whole service, is over its request limit. Carries the seconds to
 * wait, which the boundary sends as {@code Retry-After} (the OCI SDKs' retriers honour it).
 */
public class TooManyRequestsException extends CofferException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(ErrorCode.TOO_MANY_REQUESTS, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A refusal is routine under load: no stack trace to fill in. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
