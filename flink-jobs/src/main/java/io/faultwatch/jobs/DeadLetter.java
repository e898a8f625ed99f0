package io.faultwatch.jobs;

/** A record of an input topic that could not be read: its original bytes and why it was rejected. */
public record DeadLetter(byte[] payload, String reason) {

    /** @param record the record as read, null for a record without a value */
    public static DeadLetter of(byte[] record, String what, Exception cause) {
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        // Jackson appends the whole source location; the first line says what is wrong.
        String firstLine = message.lines().findFirst().orElse(message);
        return new DeadLetter(record == null ? new byte[0] : record, what + ": " + firstLine);
    }
}
