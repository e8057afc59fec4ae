package io.coffer.platform.failure;

/** 409 Conflict: a unique name or token is already taken, by an earlier request or a concurrent one. */
public class ConflictException extends CofferException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public ConflictException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
