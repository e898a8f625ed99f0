package io.faultwatch.gateway;

import io.faultwatch.model.sentry.PiiScrubber;

/**
 * A project's ingestion settings (projects table, migrations V2 and V5).
 *
 * @param rateLimitPerMinute items per minute per data category; null means only the global limit applies
 * @param scrubData          server-side PII scrubbing of events
 * @param storeUserIp        keep users' IP addresses as sent instead of a hash
 * @param sampleRate         the share of error events kept, 0 to 1 (see {@link EventSampler})
 */
public record ProjectSettings(Integer rateLimitPerMinute, boolean scrubData, boolean storeUserIp, double sampleRate) {
    /** What a new project gets from the migrations' column defaults. */
    public static final ProjectSettings DEFAULTS = new ProjectSettings(null, true, false, 1.0);

    PiiScrubber.Settings scrubbing() {
        return new PiiScrubber.Settings(scrubData, storeUserIp);
    }
}
