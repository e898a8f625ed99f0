package io.faultwatch.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON serde of {@link ErrorEvent}, the wire format of {@link Topics#EVENTS}. */
public final class EventJson {
    private static final ObjectMapper MAPPER = RecordJson.MAPPER;

    private EventJson() {}

    public static byte[] toBytes(ErrorEvent event) {
        return ErrorEventWriter.toBytes(MAPPER.getFactory(), event);
    }

    /** Parses a record of the events topic; throws {@link IOException} when it is not one. */
    public static ErrorEvent fromBytes(byte[] json) throws IOException {
        ErrorEvent event = MAPPER.readValue(json, ErrorEvent.class);
        if (event == null || event.eventId() == null || event.projectId() <= 0) {
            throw new IOException("not a FaultWatch event: eventId and projectId are required");
        }
        return event;
    }
}
