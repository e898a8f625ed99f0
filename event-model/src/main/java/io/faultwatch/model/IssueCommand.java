package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A status change of one issue, made through the query API: the record of {@link Topics#ISSUE_COMMANDS},
 * keyed by {@link Topics#issueKey}. The pipeline job applies it to the issue's keyed state, so the job
 * stays the single writer of the issue's counters and its regression logic sees every resolution.
 *
 * @param issuedAt    when the API accepted the change, epoch ms; a resolution takes effect from then on, so an
 *                    event received earlier but processed later does not reopen the issue
 * @param ignoreUntil {@link IssueStatus#IGNORED} only: unignore at this time (epoch ms), or null
 * @param ignoreCount {@link IssueStatus#IGNORED} only: unignore after this many more events, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssueCommand(
        long projectId, String fingerprint, IssueStatus status, long issuedAt, Long ignoreUntil, Long ignoreCount)
        implements ProjectRecord {

    public IssueCommand {
        if (fingerprint == null || fingerprint.isEmpty()) {
            throw new IllegalArgumentException("an issue command needs the issue's fingerprint");
        }
        if (status == null) {
            throw new IllegalArgumentException("an issue command needs a status");
        }
        if (status != IssueStatus.IGNORED && (ignoreUntil != null || ignoreCount != null)) {
            throw new IllegalArgumentException("ignore options apply only to status ignored, got " + status);
        }
        if (ignoreCount != null && ignoreCount < 1) {
            throw new IllegalArgumentException("ignoreCount must be positive, got " + ignoreCount);
        }
    }
}
