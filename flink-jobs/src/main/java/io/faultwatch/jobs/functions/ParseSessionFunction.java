package io.faultwatch.jobs.functions;

import io.faultwatch.model.RecordJson;
import io.faultwatch.model.SessionRecord;
import java.util.Objects;
import java.util.stream.Stream;

/** Parses a record of the sessions topic; a record that is not one becomes a dead letter. */
public class ParseSessionFunction extends ParseRecordFunction<SessionRecord> {

    public ParseSessionFunction() {
        super("a session record");
    }

    @Override
    protected SessionRecord parse(byte[] record) throws Exception {
        SessionRecord session = RecordJson.fromBytes(record, SessionRecord.class);
        boolean complete = SessionRecord.AGGREGATE.equals(session.kind())
                ? Stream.of(session.exited(), session.errored(), session.abnormal(), session.crashed())
                        .allMatch(Objects::nonNull)
                : SessionRecord.SESSION.equals(session.kind()) && session.sessionId() != null;
        if (!complete) {
            throw new IllegalArgumentException("kind must be session (with a sessionId) or aggregate (with its four"
                    + " counts), got " + session.kind());
        }
        return session;
    }
}
