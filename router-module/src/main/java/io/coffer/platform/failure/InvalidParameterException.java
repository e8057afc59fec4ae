package io.coffer.platform.failure;

/** 400 InvalidParameter: a request field or parameter has a value Coffer does not accept; the message names it. */
public class InvalidParameterException extends CofferException {

    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String message) {
        super(ErrorCode.INVALID_PARAMETER, message);
    }

    public InvalidParameterException(String message, Throwable cause) {
        super(ErrorCode.INVALID_PARAMETER, message, cause);
    }
}
