package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.GroupedEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys events by issue: (project id, fingerprint). */
public class IssueKeySelector implements KeySelector<GroupedEvent, Tuple2<Long, String>> {
    @Override
    public Tuple2<Long, String> getKey(GroupedEvent event) {
        return Tuple2.of(event.projectId(), event.fingerprint());
    }
}
