package io.coffer.http;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.failure.StoreFailures;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every failure to its error body. Business failures keep their code; an unreachable data store is 503
 * ServiceUnavailable; a malformed request is 400; anything else is logged under an incident id and answered 500
 * without details.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        String path = uri == null ? "" : uri.getPath();
        Throwable cause = unwrap(failure);
        if (cause instanceof CofferException refused) {
            return ErrorBodies.of(path, refused.code(), refused.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            return fromStatus(path, web);
        }
        if (cause instanceof JsonbException || cause instanceof JsonException || cause instanceof ProcessingException) {
            return ErrorBodies.of(path, ErrorCode.INVALID_PARAMETER, "the request body is not valid JSON for this operation");
        }
        if (cause instanceof io.coffer.crypto.control.CryptoFailure integrity) {
            String incident = UUID.randomUUID().toString();
            LOG.severe(() -> "incident " + incident + " on " + path + ": " + integrity.getMessage());
            return ErrorBodies.of(path, ErrorCode.INTERNAL_SERVER_ERROR,
                    "stored data failed its integrity check and was not returned; incident " + incident);
        }
        if (StoreFailures.isUnavailable(cause)) {
            LOG.warning(() -> "a data store is unreachable: " + cause);
            return ErrorBodies.of(path, ErrorCode.SERVICE_UNAVAILABLE,
                    "a data store this request needs is unavailable; retry later");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " on " + path, failure);
        return ErrorBodies.of(path, ErrorCode.INTERNAL_SERVER_ERROR, "internal error, incident " + incident);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof EJBException || cause instanceof jakarta.persistence.PersistenceException && cause.getCause() instanceof CofferException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Response fromStatus(String path, WebApplicationException web) {
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
        return ErrorBodies.of(path, status, code, message);
    }
}
