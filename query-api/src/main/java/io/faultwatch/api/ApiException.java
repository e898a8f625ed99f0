package io.faultwatch.api;

import java.util.Map;

/**
 * A request the API refuses, carrying everything the client sees: the HTTP status and the body
 * {@code {"error":{"code","message","field"}}}. Thrown by the pure parsing code so that it stays
 * free of Vert.x types; {@link JsonResponses} turns it into the response.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, String> headers;

    private ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, Map.of());
    }

    private ApiException(int status, String code, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** No token, or one that is unknown or revoked. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, "Authorization",
                Map.of("WWW-Authenticate", "Bearer realm=\"faultwatch\""));
    }

    /** The token is valid but lacks the scope the route needs. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, "Authorization");
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "too many requests with this token; retry after "
                + retryAfterSeconds + " s", "Authorization", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** The request is well-formed but clashes with what exists, e.g. a slug already taken. */
    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field);
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

    /** Response headers that go with the refusal (WWW-Authenticate, Retry-After). */
    public Map<String, String> headers() {
        return headers;
    }
}
