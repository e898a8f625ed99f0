package io.faultwatch.gateway;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.Outcome;
import io.faultwatch.model.SessionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one request writes to Kafka, by topic, and what it counts against rate limits.
 *
 * @param limited       units per data category the request takes from the rate limits (one per item)
 * @param quantities    Sentry quantities per data category (item counts, attachment bytes), for outcomes
 * @param responseId    the event id the SDK is answered with, or null
 */
record IngestBatch(
        List<ErrorEvent> events,
        List<SessionRecord> sessions,
        List<Outcome> outcomes,
        Map<String, Long> limited,
        Map<String, Long> quantities,
        String responseId) {

    /** Relay's reason for events a project's sampling dropped. */
    static final String SAMPLED_OUT = "sample_rate";

    IngestBatch {
        events = List.copyOf(events);
        sessions = List.copyOf(sessions);
        outcomes = List.copyOf(outcomes);
        limited = Map.copyOf(limited);
        quantities = Map.copyOf(quantities);
    }

    /** A store request: one event. */
    static IngestBatch of(ErrorEvent event) {
        return new IngestBatch(List.of(event), List.of(), List.of(), Map.of(EnvelopeRouter.ERROR, 1L),
                Map.of(EnvelopeRouter.ERROR, 1L), event.eventId());
    }

    /**
     * The batch without the error events the project's sample rate drops. They are answered like kept
     * ones (an SDK must not retry or back off because of sampling) and counted as filtered outcomes.
     */
    IngestBatch sampled(long projectId, long timestamp, double sampleRate) {
        List<ErrorEvent> kept = events.stream().filter(e -> EventSampler.keeps(e.eventId(), sampleRate)).toList();
        long dropped = events.size() - kept.size();
        if (dropped == 0) {
            return this;
        }
        List<Outcome> counted = new ArrayList<>(outcomes);
        counted.add(new Outcome(projectId, timestamp, EnvelopeRouter.ERROR, Outcome.FILTERED, SAMPLED_OUT, dropped));
        Map<String, Long> accepted = new TreeMap<>(quantities);
        accepted.merge(EnvelopeRouter.ERROR, -dropped, Long::sum);
        accepted.values().removeIf(quantity -> quantity <= 0);
        return new IngestBatch(kept, sessions, counted, limited, accepted, responseId);
    }

    /** The outcomes of refusing the whole batch: every item it held, per category. */
    List<Outcome> refused(long projectId, long timestamp, String outcome, String reason) {
        List<Outcome> refused = new ArrayList<>(quantities.size());
        quantities.forEach((category, quantity) ->
                refused.add(new Outcome(projectId, timestamp, category, outcome, reason, quantity)));
        return refused;
    }
}
