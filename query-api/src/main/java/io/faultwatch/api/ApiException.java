package io.faultwatch.api;

/**
 * A request the API refuses, carrying everything the client sees: the HTTP status and the body
 * {@code {"error":{"code","message","field"}}}. Thrown by the pure parsing code so that it stays
 * free of Vert.x types; {@link JsonResponses} turns it into the response.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    private ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException invalidParameter(String field, String message) {
        return new ApiException(400, "invalid_parameter", message, field);
    }

    /** A body that cannot be read as a whole, as opposed to one bad field in it. */
    public static ApiException invalidBody(String message) {
        return new ApiException(400, "invalid_body", message, null);
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(404, "not_found", message, field);
    }

    /** A service the request needs is down; nothing was changed, so the client can retry. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The offending parameter, or null when the error is not about one. */
    public String field() {
        return field;
    }
}
