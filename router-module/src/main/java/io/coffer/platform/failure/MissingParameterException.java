package io.coffer.platform.failure;

/** 400 MissingParameter: a required field, parameter or body is absent; the message names it. */
public class MissingParameterException extends CofferException {

    private static final long serialVersionUID = 1L;

    public MissingParameterException(String message) {
        super(ErrorCode.MISSING_PARAMETER, message);
    }

    public MissingParameterException(String message, Throwable cause) {
        super(ErrorCode.MISSING_PARAMETER, message, cause);
    }
}
