package io.faultwatch.api;

import io.faultwatch.model.IssueStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The one JSON shape of an issue, in the issue list and in the answer to a status change. */
final class IssueJson {

    private IssueJson() {
    }

    static JsonObject toJson(IssueRow issue) {
        return new JsonObject()
                .put("id", issue.id())
                .put("project_id", issue.projectId())
                .put("fingerprint", issue.fingerprint())
                .put("title", issue.title())
                .put("culprit", issue.culprit())
                .put("level", issue.level())
                .put("first_seen", issue.firstSeen().toString())
                .put("last_seen", issue.lastSeen().toString())
                .put("times_seen", issue.timesSeen())
                .put("users", issue.users())
                .put("first_release", issue.firstRelease())
                .put("last_release", issue.lastRelease())
                .put("environments", new JsonArray(issue.environments()))
                .put("status", issue.status().wireName())
                .put("assignee", issue.assignee())
                .put("resolved_at", text(issue.resolvedAt()))
                .put("resolved_in_release", issue.resolvedInRelease())
                // The shape PUT takes, so a client can send back what it read.
                .put("ignore", issue.status() != IssueStatus.IGNORED ? null : new JsonObject()
                        .put("until", text(issue.ignoreUntil()))
                        .put("count", issue.ignoreCount()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
