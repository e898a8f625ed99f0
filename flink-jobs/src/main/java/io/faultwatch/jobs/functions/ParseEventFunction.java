package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.EventRowExtras;
import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.Grouping;
import io.faultwatch.jobs.ParsedEvent;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.io.IOException;

/**
 * Parses a record of the events topic and fingerprints it, with the rest of its row of the ClickHouse
 * events table; a record that is not an event becomes a dead letter.
 *
 * <p>Parsing, fingerprinting and taking the row's columns share one operator so the parsed event,
 * whose immutable collections Flink could only copy with Kryo, never crosses an operator boundary.
 */
public class ParseEventFunction extends ParseRecordFunction<ParsedEvent> {

    public ParseEventFunction() {
        super("an event");
    }

    @Override
    protected ParsedEvent parse(byte[] record) throws IOException {
        ErrorEvent event = EventJson.fromBytes(record);
        Grouping grouping = Fingerprinter.group(event);
        String level = Fingerprinter.levelOf(event);
        String user = UserIdentity.of(event.user());
        GroupedEvent grouped = new GroupedEvent(event.eventId(), event.projectId(), event.receivedAt(), level,
                grouping.fingerprint(), grouping.title(), grouping.culprit(),
                blankToNull(event.release()), blankToNull(event.environment()), user, event.tags());
        return new ParsedEvent(grouped, EventRowExtras.of(event, record));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
