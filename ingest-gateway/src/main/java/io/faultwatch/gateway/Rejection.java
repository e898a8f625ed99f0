package io.faultwatch.gateway;

import java.util.Map;

/**
 * A request the gateway refuses, with the HTTP status, the {@code detail} Sentry's SDKs log and
 * any headers that tell the SDK when to come back. Thrown from handlers and futures;
 * {@link FailureHandler} turns it into the response.
 */
public final class Rejection extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public Rejection(int status, String detail) {
        this(status, detail, null, Map.of());
    }

    public Rejection(int status, String detail, Throwable cause) {
        this(status, detail, cause, Map.of());
    }

    public Rejection(int status, String detail, Throwable cause, Map<String, String> headers) {
        super(detail, cause, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** Response headers beyond the body, e.g. Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The label of this kind of refusal in metrics and outcomes. */
    public String reason() {
        return reason(status);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "invalid_data";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 413 -> "too_large";
            case 415 -> "invalid_encoding";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }

    /** Whether the SDK sent data the gateway cannot take, counted as an {@code invalid} outcome. */
    public boolean invalidData() {
        return status == 400 || status == 413 || status == 415;
    }
}
