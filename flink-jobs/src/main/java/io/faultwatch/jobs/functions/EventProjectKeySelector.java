package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.ParsedEvent;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys events by project, as the events topic partitions them: each project's events stay on one path,
 * in the order of their partition.
 */
public class EventProjectKeySelector implements KeySelector<ParsedEvent, Long> {
    @Override
    public Long getKey(ParsedEvent event) {
        return event.grouped().projectId();
    }
}
