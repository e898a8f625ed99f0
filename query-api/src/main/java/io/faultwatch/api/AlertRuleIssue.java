package io.faultwatch.api;

import io.vertx.core.Future;

/** A rule names its issue filter by the issue's id; the job matches events by the issue's fingerprint. */
final class AlertRuleIssue {

    private AlertRuleIssue() {}

    /** The fingerprint of the rule's issue filter, or null without one; 400 for an issue the project lacks. */
    static Future<String> fingerprint(IssueStore issues, long projectId, AlertRuleSpec spec) {
        if (spec.issueId() == null) {
            return Future.succeededFuture();
        }
        return issues.fingerprint(projectId, spec.issueId(), "filters.issue")
                .recover(e -> Future.failedFuture(e instanceof ApiException refusal && refusal.status() == 404
                        ? ApiException.invalidParameter("filters.issue", refusal.getMessage()) : e));
    }
}
