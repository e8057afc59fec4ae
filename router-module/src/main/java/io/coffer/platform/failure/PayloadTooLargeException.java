package io.coffer.platform.failure;

/** 413 RequestEntityTooLarge: the request body is larger than Coffer reads. */
public class PayloadTooLargeException extends CofferException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message, cause);
    }
}
