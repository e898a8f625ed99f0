package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.sentry.ClientReportConverter;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.PiiScrubber;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.faultwatch.model.sentry.SessionConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides where each item of an envelope goes: events to fw.events, session updates and aggregates
 * to fw.sessions, client reports to fw.outcomes as the SDK's discards, and every other type Sentry
 * knows (transactions, spans, logs, check-ins, attachments, ...) is accepted and only counted as an
 * outcome, because an SDK treats an error answer as a reason to retry or back off. Unknown types are
 * skipped, as the envelope spec asks. Pure: no I/O.
 *
 * <p>Events are scrubbed of personal data per the project's settings before they are converted.
 * An event that cannot be taken fails the whole envelope (400 or 413), so the SDK hears about it;
 * a malformed session or client report is dropped and counted as invalid, like Relay does.
 */
final class EnvelopeRouter {
    static final String ERROR = "error";
    static final String INTERNAL = "internal";

    private final PiiScrubber scrubber;
    private final int maxEventBytes;

    EnvelopeRouter(PiiScrubber scrubber, int maxEventBytes) {
        this.scrubber = scrubber;
        this.maxEventBytes = maxEventBytes;
    }

    IngestBatch route(Envelope envelope, IngestRequest request) {
        List<ErrorEvent> events = new ArrayList<>();
        List<SessionRecord> sessions = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Long> limited = new TreeMap<>();
        Map<String, Long> quantities = new TreeMap<>();
        long projectId = request.projectId();
        long receivedAt = request.receivedAt();
        for (int i = 0; i < envelope.items().size(); i++) {
            Envelope.Item item = envelope.items().get(i);
            String category = item.dataCategory();
            if (category == null) {
                continue;
            }
            if (!category.equals(INTERNAL)) {
                limited.merge(category, 1L, Long::sum);
                quantities.merge(category, item.quantity(), Long::sum);
            }
            String where = "envelope item " + i + " (" + item.type() + ")";
            try {
                switch (item.type()) {
                    case "event" -> events.add(event(item.payload(), request, envelope.eventId(), where));
                    case "session" -> sessions.add(SessionConverter.session(item.payload(), projectId, receivedAt));
                    case "sessions" -> sessions.addAll(SessionConverter.sessions(item.payload(), projectId, receivedAt));
                    case "client_report" -> outcomes.addAll(
                            ClientReportConverter.outcomes(item.payload(), projectId, receivedAt));
                    default -> outcomes.add(new Outcome(projectId, receivedAt, category, Outcome.ACCEPTED, null,
                            item.quantity()));
                }
            } catch (InvalidEventException e) {
                outcomes.add(new Outcome(projectId, receivedAt, category, Outcome.INVALID, Rejection.reason(400),
                        item.quantity()));
            }
        }
        String responseId = events.isEmpty() ? envelope.eventId() : events.get(0).eventId();
        return new IngestBatch(events, sessions, outcomes, limited, quantities, responseId);
    }

    /**
     * One Sentry event payload to the canonical event, from an envelope item or a store body.
     *
     * @param where what to call the payload in messages; null for a store body, which is the request itself
     *
     * @throws Rejection 413 over the size limit, 400 when it is not a valid event
     */
    ErrorEvent event(byte[] payload, IngestRequest request, String eventIdOverride, String where) {
        if (payload.length > maxEventBytes) {
            throw new Rejection(413, (where == null ? "event" : where) + " is " + payload.length + " bytes, larger than the limit of "
                    + maxEventBytes + " bytes");
        }
        try {
            return SentryEventConverter.convert(payload, request.projectId(), request.receivedAt(), eventIdOverride,
                    scrubber, request.settings().scrubbing(), request.clientIp());
        } catch (InvalidEventException e) {
            throw new Rejection(400, where == null ? e.getMessage() : where + ": " + e.getMessage(), e);
        }
    }
}
