package io.coffer.http;

import io.coffer.crypto.control.CryptoFailure;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.failure.StoreFailures;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a failure means for the client, whatever API it came through: a business failure keeps its OCI code; JAX-RS's
 * own refusals (no such path, wrong method or media type) keep their status; a body that is not JSON of the expected
 * shape is 400 InvalidParameter; an unreachable store is 503 ServiceUnavailable; anything else is a bug, logged under
 * an incident id and answered 500 without details.
 */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    /** The answer to one failure: HTTP status, OCI error code and a message fit for the client. */
    public record Failure(int status, String code, String message) {

        static Failure of(ErrorCode code, String message) {
            return new Failure(code.status(), code.code(), message);
        }
    }

    private Failures() {}

    /** @param path the request's path, for the log only */
    public static Failure of(Throwable thrown, String path) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof CofferException refused) {
            return Failure.of(refused.code(), refused.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            return fromStatus(web, path);
        }
        if (cause instanceof JsonbException || cause instanceof JsonException || cause instanceof ProcessingException) {
            return Failure.of(ErrorCode.INVALID_PARAMETER, "the request body is not valid JSON for this operation");
        }
        if (cause instanceof CryptoFailure integrity) {
            String incident = UUID.randomUUID().toString();
            LOG.severe(() -> "incident " + incident + " on " + path + ": " + integrity.getMessage());
            return Failure.of(
                    ErrorCode.INTERNAL_SERVER_ERROR,
                    "stored data failed its integrity check and was not returned; incident " + incident);
        }
        if (StoreFailures.isUnavailable(cause)) {
            LOG.warning(() -> "a data store is unreachable: " + cause);
            return Failure.of(
                    ErrorCode.SERVICE_UNAVAILABLE, "a data store this request needs is unavailable; retry later");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " on " + path, thrown);
        return Failure.of(ErrorCode.INTERNAL_SERVER_ERROR, "internal error, incident " + incident);
    }

    /** A business failure reaches the boundary wrapped by the EJB container, or by JPA when thrown from a callback. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof EJBException
                        || cause instanceof PersistenceException && cause.getCause() instanceof CofferException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Failure fromStatus(WebApplicationException web, String path) {
        int status = web.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> ErrorCode.INVALID_PARAMETER.code();
            case 401 -> ErrorCode.NOT_AUTHENTICATED.code();
            case 404 -> ErrorCode.NOT_AUTHORIZED_OR_NOT_FOUND.code();
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> ErrorCode.CONFLICT.code();
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.code();
            case 415 -> "UnsupportedMediaType";
            default -> status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR.code() : ErrorCode.INVALID_PARAMETER.code();
        };
        String message = switch (status) {
            case 404 -> "no resource at " + path;
            case 405 -> "this resource does not support that method";
            case 415 -> "send the body as application/json";
            default -> web.getMessage() == null ? "the request is not valid" : web.getMessage();
        };
        return new Failure(status, code, message);
    }
}
