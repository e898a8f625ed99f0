package io.faultwatch.jobs;

/** One row of PostgreSQL {@code issues}, with absolute values from the job's state. Times are epoch ms. */
public record IssueRow(
        long projectId,
        String fingerprint,
        String title,
        String culprit,
        String level,
        long firstSeen,
        long lastSeen,
        long timesSeen) {}
