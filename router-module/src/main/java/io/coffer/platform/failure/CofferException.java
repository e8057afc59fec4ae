package io.coffer.platform.failure;

import jakarta.ejb.ApplicationException;

/**
 * A request Coffer refuses, with the OCI error code and a message fit for the client. Rolls back the transaction it
 * is thrown in, so a refused request changes nothing. Throw the subtype that names the failure
 * ({@link InvalidParameterException}, {@link IncorrectStateException}, ...); the factories below make the common ones.
 */
@ApplicationException(rollback = true)
public class CofferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public CofferException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CofferException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static InvalidParameterException invalid(String message) {
        return new InvalidParameterException(message);
    }

    public static MissingParameterException missing(String parameter) {
        return new MissingParameterException(parameter + " is required");
    }

    public static NotAuthorizedOrNotFoundException notFound(String what) {
        return new NotAuthorizedOrNotFoundException(what + " was not found, or you are not authorized to access it");
    }

    public static ServiceUnavailableException unavailable(String message, Throwable cause) {
        return new ServiceUnavailableException(message, cause);
    }
}
