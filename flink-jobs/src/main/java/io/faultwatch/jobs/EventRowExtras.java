package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent;

/**
 * The columns of an event's ClickHouse {@code events} row that its {@link GroupedEvent} does not
 * already hold, as {@link EventRow} has them ("" when absent or blank).
 *
 * @param timestamp epoch ms, when the SDK says it happened
 * @param payload   the record of fw.events as read (UTF-8 JSON): bytes, because it crosses the job's
 *                  shuffle to deduplication, and Flink copies a byte array far faster than it writes
 *                  a String of a few KB character by character
 */
public record EventRowExtras(
        long timestamp,
        String platform,
        String serverName,
        String transaction,
        String errorType,
        String errorValue,
        String message,
        byte[] payload) {

    /** @param record the bytes of fw.events the event was parsed from */
    public static EventRowExtras of(ErrorEvent event, byte[] record) {
        ErrorEvent.ExceptionInfo thrown = event.thrownException();
        return new EventRowExtras(event.timestamp(), EventRow.text(event.platform()),
                EventRow.text(event.serverName()), EventRow.text(event.transaction()),
                thrown == null ? "" : EventRow.text(thrown.type()), thrown == null ? "" : EventRow.text(thrown.value()),
                EventRow.text(event.message()), record);
    }
}
