package io.faultwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON serde of the records of {@link Topics#SESSIONS} ({@link SessionRecord}),
 * {@link Topics#OUTCOMES} ({@link Outcome}), {@link Topics#ISSUE_COMMANDS} ({@link IssueCommand}),
 * {@link Topics#ISSUE_EVENTS} ({@link IssueEvent}), {@link Topics#ALERT_RULES} ({@link AlertRule}) and
 * {@link Topics#ALERTS} ({@link AlertNotification}). Readers ignore fields they do not know, so producers
 * can add fields without breaking running consumers. {@link EventJson} shares its mapper.
 */
public final class RecordJson {
    static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RecordJson() {}

    public static byte[] toBytes(ProjectRecord record) {
        return write(record);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link IOException} when the bytes are not a {@code type} with a project id. */
    public static <T extends ProjectRecord> T fromBytes(byte[] json, Class<T> type) throws IOException {
        T record = MAPPER.readValue(json, type);
        if (record == null || record.projectId() <= 0) {
            throw new IOException("not a " + type.getSimpleName() + ": projectId is required");
        }
        return record;
    }
}
