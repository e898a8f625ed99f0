package io.faultwatch.api;

import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import java.util.List;

/**
 * One row of the PostgreSQL {@code issues} table, as the API returns it. The nullable fields are null
 * when they do not apply (no release seen, not resolved, not ignored, nobody assigned).
 */
public record IssueRow(
        long id,
        long projectId,
        String fingerprint,
        String title,
        String culprit,
        String level,
        Instant firstSeen,
        Instant lastSeen,
        long timesSeen,
        long users,
        String firstRelease,
        String lastRelease,
        List<String> environments,
        IssueStatus status,
        Instant resolvedAt,
        String resolvedInRelease,
        Instant ignoreUntil,
        Long ignoreCount,
        String assignee) {
}
