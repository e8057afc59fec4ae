package io.coffer.platform.failure;

/** 503 ServiceUnavailable: something the request needs (a store, the broker, a replica that is catching up) cannot serve it now; retry later. */
public class ServiceUnavailableException extends CofferException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message, cause);
    }
}
