package io.faultwatch.jobs;

import java.util.Map;

/**
 * An event after parsing and fingerprinting: only what the issue tracker and the minute counts
 * need, in flat fields so Flink serializes it as a POJO (the parsed {@code ErrorEvent} holds
 * immutable collections that Kryo cannot copy).
 *
 * @param receivedAt  when the gateway received the event, epoch ms: the event time of the job
 * @param release     the release, or null
 * @param environment the environment, or null
 * @param user        the {@link UserIdentity} of the user it happened to, or null
 * @param tags        the event's tags, for the filters of alert rules
 */
public record GroupedEvent(
        String eventId,
        long projectId,
        long receivedAt,
        String level,
        String fingerprint,
        String title,
        String culprit,
        String release,
        String environment,
        String user,
        Map<String, String> tags) {}
