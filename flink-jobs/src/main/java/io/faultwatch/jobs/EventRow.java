package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of ClickHouse {@code events}: the event's ids, times and dimensions, its issue, its user's
 * hash, its tags as parallel arrays (sorted by key) and the canonical JSON it arrived as. Strings are
 * never null: "" when absent or blank, as in ClickHouse.
 *
 * @param receivedAt epoch ms, the pipeline's event time
 * @param timestamp  epoch ms, when the SDK says it happened
 * @param payload    the record of fw.events as read (UTF-8 JSON): bytes, because the row crosses the
 *                   job's shuffle to deduplication, and Flink copies a byte array far faster than it
 *                   writes a String of a few KB character by character
 */
public record EventRow(
        long projectId,
        String eventId,
        long receivedAt,
        long timestamp,
        String level,
        String environment,
        String release,
        String platform,
        String serverName,
        String transaction,
        String errorType,
        String errorValue,
        String message,
        String fingerprint,
        String title,
        String culprit,
        long userHash,
        String[] tagKeys,
        String[] tagValues,
        byte[] payload) {

    /** @param record the bytes of fw.events the event was parsed from */
    public static EventRow of(ErrorEvent event, String level, Grouping grouping, String user, byte[] record) {
        ErrorEvent.ExceptionInfo thrown = event.thrownException();
        Map<String, String> tags = new TreeMap<>(event.tags());
        return new EventRow(event.projectId(), event.eventId(), event.receivedAt(), event.timestamp(), level,
                text(event.environment()), text(event.release()), text(event.platform()), text(event.serverName()),
                text(event.transaction()), thrown == null ? "" : text(thrown.type()),
                thrown == null ? "" : text(thrown.value()), text(event.message()), grouping.fingerprint(),
                text(grouping.title()), text(grouping.culprit()), UserIdentity.hash(user),
                tags.keySet().toArray(String[]::new), tags.values().toArray(String[]::new), record);
    }

    /** Blank as absent, as the metrics' dimensions have it. */
    private static String text(String value) {
        return value == null || value.isBlank() ? "" : value;
    }
}
