package io.faultwatch.jobs.functions;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.RecordJson;
import java.io.IOException;

/**
 * Parses a record of the issue commands topic. Only the query API writes there, so a record that is
 * not a command is a bug somewhere; it becomes a dead letter all the same.
 */
public class ParseIssueCommandFunction extends ParseRecordFunction<IssueCommand> {

    public ParseIssueCommandFunction() {
        super("an issue command");
    }

    @Override
    protected IssueCommand parse(byte[] record) throws IOException {
        return RecordJson.fromBytes(record, IssueCommand.class);
    }
}
