package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code client_report} item (https://develop.sentry.dev/sdk/telemetry/client-reports/) to
 * {@link Outcome#CLIENT_DISCARD} outcomes: what the SDK dropped before sending, by reason and
 * category. The report's timestamp, ISO or epoch seconds, defaults to the receive time.
 */
public final class ClientReportConverter {
    private ClientReportConverter() {}

    public static List<Outcome> outcomes(byte[] json, long projectId, long receivedAt) throws InvalidEventException {
        JsonNode report = JsonFields.object(SentryJson.parse(json, 0, json.length, "client_report"), "client_report");
        long timestamp = SentryEventConverter.timestamp(report.get("timestamp"), receivedAt);
        JsonNode discarded = report.path("discarded_events");
        if (discarded.isMissingNode() || discarded.isNull()) {
            return List.of();
        }
        if (!discarded.isArray()) {
            throw new InvalidEventException("client_report.discarded_events must be an array");
        }
        List<Outcome> outcomes = new ArrayList<>(discarded.size());
        for (int i = 0; i < discarded.size(); i++) {
            String at = "client_report.discarded_events[" + i + "]";
            JsonNode entry = JsonFields.object(discarded.get(i), at);
            String category = JsonFields.string(entry, "category", at + ".category");
            if (category == null || category.isBlank()) {
                throw new InvalidEventException(at + ".category is required");
            }
            long quantity = JsonFields.count(entry, "quantity", at + ".quantity");
            if (quantity > 0) {
                outcomes.add(new Outcome(projectId, timestamp, category, Outcome.CLIENT_DISCARD,
                        JsonFields.string(entry, "reason", at + ".reason"), quantity));
            }
        }
        return outcomes;
    }
}
