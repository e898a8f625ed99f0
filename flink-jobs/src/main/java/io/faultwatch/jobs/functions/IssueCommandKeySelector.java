package io.faultwatch.jobs.functions;

import io.faultwatch.model.IssueCommand;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys commands by issue, as {@link IssueKeySelector} keys events: (project id, fingerprint). */
public class IssueCommandKeySelector implements KeySelector<IssueCommand, Tuple2<Long, String>> {
    @Override
    public Tuple2<Long, String> getKey(IssueCommand command) {
        return Tuple2.of(command.projectId(), command.fingerprint());
    }
}
