package io.faultwatch.jobs;

/**
 * An event as parsing leaves it: what the issue tracker and the metrics need, and its row of the
 * ClickHouse events table. Both travel together to deduplication, so a duplicate is dropped from
 * every sink at once.
 */
public record ParsedEvent(GroupedEvent grouped, EventRow row) {}
