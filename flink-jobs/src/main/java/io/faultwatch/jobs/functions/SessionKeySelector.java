package io.faultwatch.jobs.functions;

import io.faultwatch.model.SessionRecord;
import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys session records by (project id, session id); aggregate buckets, which have none, by "". */
public class SessionKeySelector implements KeySelector<SessionRecord, Tuple2<Long, String>> {
    @Override
    public Tuple2<Long, String> getKey(SessionRecord record) {
        return Tuple2.of(record.projectId(), Objects.requireNonNullElse(record.sessionId(), ""));
    }
}
