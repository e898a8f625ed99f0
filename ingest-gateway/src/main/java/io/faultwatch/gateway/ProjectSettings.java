package io.faultwatch.gateway;

import io.faultwatch.model.sentry.PiiScrubber;

/**
 * A project's ingestion settings (projects table, migration V2).
 *
 * @param rateLimitPerMinute items per minute per data category; null means only the global limit applies
 * @param scrubData          server-side PII scrubbing of events
 * @param storeUserIp        keep users' IP addresses as sent instead of a hash
 */
public record ProjectSettings(Integer rateLimitPerMinute, boolean scrubData, boolean storeUserIp) {
    /** What a new project gets from the migration's column defaults. */
    public static final ProjectSettings DEFAULTS = new ProjectSettings(null, true, false);

    PiiScrubber.Settings scrubbing() {
        return new PiiScrubber.Settings(scrubData, storeUserIp);
    }
}
