package io.coffer.platform.failure;

/** The OCI error codes Coffer answers with, and their HTTP status. */
public enum ErrorCode {
    INVALID_PARAMETER(400, "InvalidParameter"),
    MISSING_PARAMETER(400, "MissingParameter"),
    NOT_AUTHENTICATED(401, "NotAuthenticated"),
    NOT_AUTHORIZED_OR_NOT_FOUND(404, "NotAuthorizedOrNotFound"),
    NOT_FOUND(404, "NotFound"),
    CONFLICT(409, "Conflict"),
    INCORRECT_STATE(409, "IncorrectState"),
    PRECONDITION_FAILED(412, "NoEtagMatch"),
    PAYLOAD_TOO_LARGE(413, "RequestEntityTooLarge"),
    LIMIT_EXCEEDED(400, "LimitExceeded"),
    TOO_MANY_REQUESTS(429, "TooManyRequests"),
    INTERNAL_SERVER_ERROR(500, "InternalServerError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
