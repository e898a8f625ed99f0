package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.ParsedEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys events by their identity: (project id, event id). An SDK's retry repeats both. */
public class EventIdKeySelector implements KeySelector<ParsedEvent, Tuple2<Long, String>> {
    @Override
    public Tuple2<Long, String> getKey(ParsedEvent event) {
        return Tuple2.of(event.grouped().projectId(), event.grouped().eventId());
    }
}
