package io.faultwatch.api;

import java.time.Instant;

/** One row of the PostgreSQL {@code issues} table, as the API returns it. */
public record IssueRow(
        long id,
        long projectId,
        String fingerprint,
        String title,
        String culprit,
        String level,
        Instant firstSeen,
        Instant lastSeen,
        long timesSeen) {
}
