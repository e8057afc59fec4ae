package io.coffer.platform.failure;

/** 401 NotAuthenticated: the request's signature could not be verified; the message never says whether a user or key exists. */
public class NotAuthenticatedException extends CofferException {

    private static final long serialVersionUID = 1L;

    public NotAuthenticatedException(String message) {
        super(ErrorCode.NOT_AUTHENTICATED, message);
    }

    public NotAuthenticatedException(String message, Throwable cause) {
        super(ErrorCode.NOT_AUTHENTICATED, message, cause);
    }
}
