package io.coffer.platform.failure;

import jakarta.ejb.ApplicationException;

/**
 * A request Coffer refuses, with the OCI error code and a message fit for the client. Rolls back the transaction it
 * is thrown in, so a refused request changes nothing.
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

    public static CofferException invalid(String message) {
        return new CofferException(ErrorCode.INVALID_PARAMETER, message);
    }

    public static CofferException missing(String parameter) {
        return new CofferException(ErrorCode.MISSING_PARAMETER, parameter + " is required");
    }

    public static CofferException notFound(String what) {
        return new CofferException(ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND,
                what + " was not found, or you are not authorized to access it");
    }

    public static CofferException unavailable(String message, Throwable cause) {
        return new CofferException(ErrorCode.SERVICE_UNAVAILABLE, message, cause);
    }
}
