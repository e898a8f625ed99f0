package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.IssueEvents;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys an issue's events by the issue: (project id, fingerprint). */
public class IssueKeySelector implements KeySelector<IssueEvents, Tuple2<Long, String>> {
    @Override
    public Tuple2<Long, String> getKey(IssueEvents events) {
        return Tuple2.of(events.projectId(), events.fingerprint());
    }
}
