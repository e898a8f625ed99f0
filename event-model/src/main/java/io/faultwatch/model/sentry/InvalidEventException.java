package io.faultwatch.model.sentry;

/**
 * A Sentry payload that cannot be turned into a canonical event. The message names the field
 * (as a path such as {@code exception.values[0].stacktrace.frames}) and what is wrong with it, so
 * the gateway can hand it back to the SDK as is.
 */
public class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
