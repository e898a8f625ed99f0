package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/projects/{id}/stats?since=&until=&fingerprint=}: events per minute, zero-filled. */
final class StatsHandler implements Handler<RoutingContext> {

    private final IssueStore issues;
    private final MetricsStore metrics;
    private final Clock clock;

    StatsHandler(IssueStore issues, MetricsStore metrics, Clock clock) {
        this.issues = issues;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        Instant since = RequestParams.instant("since", ctx.queryParams().get("since"));
        Instant until = RequestParams.instant("until", ctx.queryParams().get("until"));
        String fingerprint = RequestParams.fingerprint(ctx.queryParams().get("fingerprint"));
        StatsRange range = StatsRange.of(since, until, clock.instant());
        ProjectCheck.requireProject(issues, projectId)
                .compose(known -> metrics.countsPerMinute(projectId, fingerprint, range))
                .map(counts -> MinuteSeries.zeroFill(range, counts))
                .onSuccess(series -> JsonResponses.sendJson(ctx, 200, toJson(projectId, range, series)))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(long projectId, StatsRange range, List<MinuteSeries.Point> series) {
        JsonArray points = new JsonArray();
        for (MinuteSeries.Point point : series) {
            points.add(new JsonObject().put("time", point.time().toString()).put("count", point.count()));
        }
        return new JsonObject()
                .put("project_id", projectId)
                .put("interval", "1m")
                .put("since", range.since().toString())
                .put("until", range.until().toString())
                .put("total", MinuteSeries.total(series))
                .put("series", points);
    }
}
