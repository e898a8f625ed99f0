package io.faultwatch.jobs;

import java.util.Map;
import java.util.TreeMap;

/**
 * One row of ClickHouse {@code events}: the event's ids, times and dimensions, its issue, its user's
 * hash, its tags as parallel arrays (sorted by key) and the canonical JSON it arrived as. Strings are
 * never null: "" when absent or blank, as in ClickHouse.
 *
 * @param receivedAt epoch ms, the pipeline's event time
 * @param timestamp  epoch ms, when the SDK says it happened
 * @param payload    the record of fw.events as read (UTF-8 JSON)
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

    /** The row of an event that deduplication kept: what its {@link ParsedEvent} carried across the shuffle. */
    public static EventRow of(GroupedEvent grouped, EventRowExtras extras) {
        Map<String, String> tags = new TreeMap<>(grouped.tags());
        return new EventRow(grouped.projectId(), grouped.eventId(), grouped.receivedAt(), extras.timestamp(),
                grouped.level(), text(grouped.environment()), text(grouped.release()), extras.platform(),
                extras.serverName(), extras.transaction(), extras.errorType(), extras.errorValue(), extras.message(),
                grouped.fingerprint(), text(grouped.title()), text(grouped.culprit()),
                UserIdentity.hash(grouped.user()),
                tags.keySet().toArray(String[]::new), tags.values().toArray(String[]::new), extras.payload());
    }

    /** Blank as absent, as the metrics' dimensions have it. */
    static String text(String value) {
        return value == null || value.isBlank() ? "" : value;
    }
}
