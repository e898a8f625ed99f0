package io.faultwatch.jobs;

import io.faultwatch.model.IssueStatus;
import java.util.List;

/**
 * One row of PostgreSQL {@code issues}, with absolute values from the job's state: every column the job
 * owns (all but {@code assignee}). Times are epoch ms; the nullable fields are null when they do not apply.
 */
public record IssueRow(
        long projectId,
        String fingerprint,
        String title,
        String culprit,
        String level,
        long firstSeen,
        long lastSeen,
        long timesSeen,
        long users,
        String firstRelease,
        String lastRelease,
        List<String> environments,
        IssueStatus status,
        Long resolvedAt,
        String resolvedInRelease,
        Long ignoreUntil,
        Long ignoreCount) {}
