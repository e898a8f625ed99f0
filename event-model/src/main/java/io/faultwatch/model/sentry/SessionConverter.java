package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.SessionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Release-health items (https://develop.sentry.dev/sdk/telemetry/sessions/) to {@link SessionRecord}s:
 * a {@code session} item is one update of one session, a {@code sessions} item holds pre-aggregated
 * buckets. Release and environment come from {@code attrs}. Pure, like {@link SentryEventConverter}.
 */
public final class SessionConverter {
    static final String DEFAULT_STATUS = "ok";
    private static final Set<String> STATUSES = Set.of("ok", "exited", "crashed", "abnormal", "errored");

    private SessionConverter() {}

    /** A {@code session} item's payload. */
    public static SessionRecord session(byte[] json, long projectId, long receivedAt) throws InvalidEventException {
        JsonNode session = JsonFields.object(SentryJson.parse(json, 0, json.length, "session"), "session");
        String sid = JsonFields.string(session, "sid", "session.sid");
        if (sid == null || sid.isBlank()) {
            throw new InvalidEventException("session.sid is required");
        }
        Attrs attrs = attrs(session, "session");
        JsonNode timestamp = session.get("timestamp");
        JsonNode seq = session.get("seq");
        return SessionRecord.update(projectId, receivedAt, attrs.release(), attrs.environment(),
                JsonFields.time(session, "started", "session.started"),
                sid,
                JsonFields.string(session, "did", "session.did"),
                JsonFields.flag(session, "init", "session.init"),
                status(JsonFields.string(session, "status", "session.status")),
                (int) Math.min(JsonFields.count(session, "errors", "session.errors"), Integer.MAX_VALUE),
                JsonFields.number(session, "duration", "session.duration"),
                SentryEventConverter.timestamp(timestamp, receivedAt),
                seq != null && seq.canConvertToLong() ? seq.longValue() : null);
    }

    /** A {@code sessions} item's payload: one record per aggregate bucket. */
    public static List<SessionRecord> sessions(byte[] json, long projectId, long receivedAt)
            throws InvalidEventException {
        JsonNode sessions = JsonFields.object(SentryJson.parse(json, 0, json.length, "sessions"), "sessions");
        Attrs attrs = attrs(sessions, "sessions");
        JsonNode aggregates = sessions.path("aggregates");
        if (!aggregates.isArray()) {
            throw new InvalidEventException("sessions.aggregates must be an array");
        }
        List<SessionRecord> records = new ArrayList<>(aggregates.size());
        for (int i = 0; i < aggregates.size(); i++) {
            String at = "sessions.aggregates[" + i + "]";
            JsonNode bucket = JsonFields.object(aggregates.get(i), at);
            records.add(SessionRecord.aggregate(projectId, receivedAt, attrs.release(), attrs.environment(),
                    JsonFields.time(bucket, "started", at + ".started"),
                    JsonFields.string(bucket, "did", at + ".did"),
                    JsonFields.count(bucket, "exited", at + ".exited"),
                    JsonFields.count(bucket, "errored", at + ".errored"),
                    JsonFields.count(bucket, "abnormal", at + ".abnormal"),
                    JsonFields.count(bucket, "crashed", at + ".crashed")));
        }
        return records;
    }

    private record Attrs(String release, String environment) {}

    private static Attrs attrs(JsonNode payload, String what) throws InvalidEventException {
        JsonNode attrs = payload.get("attrs");
        if (attrs == null || attrs.isNull()) {
            return new Attrs(null, SentryEventConverter.DEFAULT_ENVIRONMENT);
        }
        JsonFields.object(attrs, what + ".attrs");
        String environment = JsonFields.string(attrs, "environment", what + ".attrs.environment");
        return new Attrs(JsonFields.string(attrs, "release", what + ".attrs.release"),
                environment == null || environment.isBlank() ? SentryEventConverter.DEFAULT_ENVIRONMENT : environment);
    }

    private static String status(String raw) throws InvalidEventException {
        if (raw == null) {
            return DEFAULT_STATUS;
        }
        String status = raw.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new InvalidEventException("session.status must be one of " + STATUSES + ", got \"" + raw + "\"");
        }
        return status;
    }
}
