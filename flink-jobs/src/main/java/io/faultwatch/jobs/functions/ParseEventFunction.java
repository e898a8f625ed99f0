package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.Grouping;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.io.IOException;

/**
 * Parses a record of the events topic and fingerprints it; a record that is not an event becomes a
 * dead letter.
 *
 * <p>Parsing and fingerprinting share one operator so the parsed event, whose immutable
 * collections Flink could only copy with Kryo, never crosses an operator boundary.
 */
public class ParseEventFunction extends ParseRecordFunction<GroupedEvent> {

    public ParseEventFunction() {
        super("an event");
    }

    @Override
    protected GroupedEvent parse(byte[] record) throws IOException {
        ErrorEvent event = EventJson.fromBytes(record);
        Grouping grouping = Fingerprinter.group(event);
        return new GroupedEvent(event.eventId(), event.projectId(), event.receivedAt(),
                Fingerprinter.levelOf(event), grouping.fingerprint(), grouping.title(), grouping.culprit(),
                blankToNull(event.release()), blankToNull(event.environment()), UserIdentity.of(event.user()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
