package io.faultwatch.api.notify;

import java.time.Instant;

/**
 * One delivery attempt to one channel, as stored in {@code alert_deliveries}.
 *
 * @param httpStatus the receiver's status, or null (no answer, or email)
 * @param error      what went wrong, or null
 */
public record DeliveryResult(Outcome outcome, Integer httpStatus, String error, Instant sentAt, long latencyMs) {

    public enum Outcome {
        OK, RETRY, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final int MAX_ERROR_LENGTH = 500;

    /**
     * 2xx is delivered; 408, 429 and 5xx may pass on a later attempt; any other status will not (a wrong
     * URL, a revoked webhook), so retrying it only delays the record of the failure.
     */
    public static DeliveryResult ofHttpStatus(int status, String body, Instant sentAt, long latencyMs) {
        if (status >= 200 && status < 300) {
            return new DeliveryResult(Outcome.OK, status, null, sentAt, latencyMs);
        }
        Outcome outcome = status == 408 || status == 429 || status >= 500 ? Outcome.RETRY : Outcome.FAILED;
        return new DeliveryResult(outcome, status, cut("HTTP " + status + (body == null || body.isBlank() ? ""
                : ": " + body.strip())), sentAt, latencyMs);
    }

    /** No answer (refused, timed out, reset): the next attempt may reach it. */
    public static DeliveryResult unreachable(Exception e, Instant sentAt, long latencyMs) {
        return new DeliveryResult(Outcome.RETRY, null, cut(e.getClass().getSimpleName() + ": " + e.getMessage()),
                sentAt, latencyMs);
    }

    /** The last attempt: a failure that could pass later is final now. */
    public DeliveryResult asFinal() {
        return outcome == Outcome.RETRY ? new DeliveryResult(Outcome.FAILED, httpStatus, error, sentAt, latencyMs) : this;
    }

    private static String cut(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
