package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/projects/{id}/top-issues?since=&until=&interval=&environment=&release=&level=&limit=}:
 * the issues with the most events in the range (the last 24 hours by default), most first, with their
 * distinct users. An issue the job has counted but not yet written to PostgreSQL is listed with its
 * fingerprint alone.
 */
record TopIssuesHandler(IssueStore issues, MetricsStore metrics, Clock clock) implements Handler<RoutingContext> {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        TimeRange range = QueryParams.range(ctx, clock, DEFAULT_SPAN);
        MetricFilters filters = QueryParams.filters(ctx);
        int limit = RequestParams.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        metrics.topIssues(projectId, range, filters, limit)
                .compose(counted -> issues.issuesByFingerprint(projectId,
                                counted.stream().map(row -> row.get("fingerprint").asText()).toList())
                        .map(known -> toJson(projectId, range, counted, known)))
                .onSuccess(body -> JsonResponses.sendJson(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(long projectId, TimeRange range, List<JsonNode> counted,
                                     Map<String, IssueRow> known) {
        JsonArray data = new JsonArray();
        for (JsonNode row : counted) {
            String fingerprint = row.get("fingerprint").asText();
            IssueRow issue = known.get(fingerprint);
            data.add(new JsonObject()
                    .put("issue_id", issue == null ? null : issue.id())
                    .put("fingerprint", fingerprint)
                    .put("title", issue == null ? null : issue.title())
                    .put("culprit", issue == null ? null : issue.culprit())
                    .put("level", issue == null ? null : issue.level())
                    .put("status", issue == null ? null : issue.status().wireName())
                    .put("count", row.get("events").asLong())
                    .put("users", row.get("users").asLong()));
        }
        return new JsonObject()
                .put("project_id", projectId)
                .put("interval", range.interval().wireName())
                .put("since", range.since().toString())
                .put("until", range.until().toString())
                .put("data", data);
    }
}
