package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.Grouping;
import io.faultwatch.jobs.UserIdentity;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Parses a record of the events topic and fingerprints it; a record that is not an event becomes a
 * dead letter. Each event also goes to {@link #EVENT_ROWS} as its row of the ClickHouse events table.
 *
 * <p>Parsing, fingerprinting and building the row share one operator so the parsed event, whose
 * immutable collections Flink could only copy with Kryo, never crosses an operator boundary, and the
 * large row stays out of the keyed streams.
 */
public class ParseEventFunction extends ParseRecordFunction<GroupedEvent> {

    public static final OutputTag<EventRow> EVENT_ROWS =
            new OutputTag<>("event-rows", TypeInformation.of(EventRow.class));

    public ParseEventFunction() {
        super("an event");
    }

    @Override
    protected GroupedEvent parse(byte[] record, Context ctx) throws IOException {
        ErrorEvent event = EventJson.fromBytes(record);
        Grouping grouping = Fingerprinter.group(event);
        String level = Fingerprinter.levelOf(event);
        String user = UserIdentity.of(event.user());
        EventRow row = EventRow.of(event, level, grouping, user, record);
        ctx.output(EVENT_ROWS, row);
        return new GroupedEvent(event.eventId(), event.projectId(), event.receivedAt(), level,
                grouping.fingerprint(), grouping.title(), grouping.culprit(),
                blankToNull(event.release()), blankToNull(event.environment()), user, event.tags());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
