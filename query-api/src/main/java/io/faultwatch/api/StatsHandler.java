package io.faultwatch.api;

import io.faultwatch.api.Stats.SessionCounts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /api/v1/projects/{id}/stats?since=&until=&interval=&environment=&release=&level=&issue=}:
 * events, users and the error rate (or errors per minute) per bucket, zero-filled, and for the range.
 * {@code fingerprint=} narrows to an issue like {@code issue=} (its id) does.
 */
record StatsHandler(IssueStore issues, MetricsStore metrics, Clock clock) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        TimeRange range = QueryParams.range(ctx, clock, TimeRange.DEFAULT_SPAN);
        MetricFilters filters = QueryParams.filters(ctx);
        Long issueId = RequestParams.optionalId("issue", ctx.queryParams().get("issue"));
        String fingerprint = RequestParams.fingerprint(ctx.queryParams().get("fingerprint"));
        if (issueId != null && fingerprint != null) {
            throw ApiException.invalidParameter("issue", "give issue or fingerprint, not both");
        }
        (issueId == null ? Future.succeededFuture(fingerprint) : issues.fingerprint(projectId, issueId, "issue"))
                .map(filters::withFingerprint)
                .compose(narrowed -> {
                    var events = metrics.eventCounts(projectId, range, narrowed);
                    var sessions = metrics.sessionCounts(projectId, range, narrowed);
                    return Future.all(events, sessions).map(done -> Stats.of(range, events.result(), sessions.result()));
                })
                .onSuccess(stats -> JsonResponses.sendJson(ctx, 200, toJson(projectId, stats)))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(long projectId, Stats stats) {
        boolean bySessions = stats.hasSessions();
        JsonArray points = new JsonArray();
        for (Stats.Point point : stats.points()) {
            SessionCounts sessions = point.sessions();
            points.add(new JsonObject()
                    .put("time", point.time().toString())
                    .put("count", point.events().events())
                    .put("users", point.events().users())
                    .put("sessions", bySessions ? sessionsJson(sessions) : null)
                    .put("error_rate", bySessions ? sessions.errorRate() : null)
                    .put("crash_free_rate", bySessions ? sessions.crashFreeRate() : null)
                    .put("errors_per_minute", bySessions ? null : stats.errorsPerMinute(point)));
        }
        SessionCounts sessions = stats.sessions();
        return new JsonObject()
                .put("project_id", projectId)
                .put("interval", stats.range().interval().wireName())
                .put("since", stats.range().since().toString())
                .put("until", stats.range().until().toString())
                .put("total", stats.total())
                .put("users", stats.users())
                .put("rate", bySessions ? "sessions" : "errors_per_minute")
                .put("sessions", bySessions ? sessionsJson(sessions) : null)
                .put("error_rate", bySessions ? sessions.errorRate() : null)
                .put("crash_free_rate", bySessions ? sessions.crashFreeRate() : null)
                .put("errors_per_minute", bySessions ? null : stats.errorsPerMinute())
                .put("series", points);
    }

    private static JsonObject sessionsJson(SessionCounts sessions) {
        return new JsonObject()
                .put("started", sessions.started())
                .put("exited", sessions.exited())
                .put("errored", sessions.errored())
                .put("crashed", sessions.crashed())
                .put("abnormal", sessions.abnormal());
    }
}
