package io.faultwatch.jobs;

/**
 * An event as parsing leaves it: what the issue tracker and the metrics need, and the rest of its row
 * of the ClickHouse events table. Both travel together to deduplication, so a duplicate is dropped
 * from every sink at once. The row is put together after the shuffle, so that the fields the two
 * share (ids, times, issue, dimensions, tags) are serialized once, not twice.
 */
public record ParsedEvent(GroupedEvent grouped, EventRowExtras extras) {

    public EventRow row() {
        return EventRow.of(grouped, extras);
    }
}
