package io.coffer.platform.failure;

/** 404 NotAuthorizedOrNotFound: the resource does not exist, or the caller may not see it (the same answer for both). */
public class NotAuthorizedOrNotFoundException extends CofferException {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedOrNotFoundException(String message) {
        super(ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND, message);
    }

    public NotAuthorizedOrNotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND, message, cause);
    }
}
