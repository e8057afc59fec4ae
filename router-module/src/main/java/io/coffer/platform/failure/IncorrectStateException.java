package io.coffer.platform.failure;

/** 409 IncorrectState: the resource's lifecycle state does not allow the operation now. */
public class IncorrectStateException extends CofferException {

    private static final long serialVersionUID = 1L;

    public IncorrectStateException(String message) {
        super(ErrorCode.INCORRECT_STATE, message);
    }

    public IncorrectStateException(String message, Throwable cause) {
        super(ErrorCode.INCORRECT_STATE, message, cause);
    }
}
