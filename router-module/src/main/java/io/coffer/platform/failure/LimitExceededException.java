package io.coffer.platform.failure;

/** 400 LimitExceeded: the change would go past one of OCI's limits (versions per secret, ...). */
public class LimitExceededException extends CofferException {

    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(ErrorCode.LIMIT_EXCEEDED, message);
    }

    public LimitExceededException(String message, Throwable cause) {
        super(ErrorCode.LIMIT_EXCEEDED, message, cause);
    }
}
