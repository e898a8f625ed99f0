package io.faultwatch.gateway;

/**
 * A request the gateway refuses, with the HTTP status and the {@code detail} Sentry's SDKs log.
 * Thrown from handlers and futures; {@link FailureHandler} turns it into the response.
 */
public final class Rejection extends RuntimeException {
    private final int status;

    public Rejection(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public Rejection(int status, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
