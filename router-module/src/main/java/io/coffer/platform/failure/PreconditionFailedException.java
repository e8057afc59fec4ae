package io.coffer.platform.failure;

/** 412 NoEtagMatch: the {@code if-match} etag is not the resource's current one. */
public class PreconditionFailedException extends CofferException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(ErrorCode.PRECONDITION_FAILED, message);
    }

    public PreconditionFailedException(String message, Throwable cause) {
        super(ErrorCode.PRECONDITION_FAILED, message, cause);
    }
}
