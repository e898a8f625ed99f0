package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.api.Stats.Buckets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/error-metrics?since=&until=&interval=&project=&source=&error_type=&level=}: events per
 * bucket (zero-filled) across projects, or of one, from the events table (so within the events' retention),
 * and the largest (source, error type, level) groups of the range; only ever of the caller's organization. The source is an event's
 * {@code service} tag, else its server name.
 */
record ErrorMetricsHandler(TenantStore tenants, MetricsStore metrics, Clock clock) implements Handler<RoutingContext> {

    static final int GROUPS = 20;

    @Override
    public void handle(RoutingContext ctx) {
        TimeRange range = QueryParams.range(ctx, clock, TimeRange.DEFAULT_SPAN);
        Long projectId = RequestParams.optionalId("project", ctx.queryParams().get("project"));
        String source = RequestParams.name("source", ctx.queryParams().get("source"));
        String errorType = RequestParams.name("error_type", ctx.queryParams().get("error_type"));
        String level = RequestParams.level(ctx.queryParams().get("level"));
        // Only the caller's organization: a project of another is as unknown as a missing one.
        tenants.projectIds(TokenAuthentication.caller(ctx).organizationId()).compose(own -> {
                    if (projectId != null && !own.contains(projectId)) {
                        return Future.failedFuture(TenantAccess.unknownProject(projectId, "project"));
                    }
                    return Future.succeededFuture(new ErrorMetricFilters(projectId == null ? own : List.of(projectId),
                            projectId, source, errorType, level));
                })
                .compose(filters -> {
                    var series = metrics.errorMetricCounts(range, filters);
                    var groups = metrics.errorMetricGroups(range, filters, GROUPS);
                    return Future.all(series, groups).map(done -> toJson(range, filters, series.result(), groups.result()));
                })
                .onSuccess(body -> JsonResponses.sendJson(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(TimeRange range, ErrorMetricFilters filters, Buckets<Long> counts,
                                     List<JsonNode> groups) {
        JsonArray series = new JsonArray();
        for (Instant bucket : range.buckets()) {
            series.add(new JsonObject().put("time", bucket.toString()).put("count", counts.byTime().getOrDefault(bucket, 0L)));
        }
        JsonArray largest = new JsonArray();
        for (JsonNode group : groups) {
            largest.add(new JsonObject()
                    .put("source", group.get("source").asText())
                    .put("error_type", group.get("error_type").asText())
                    .put("level", group.get("level").asText())
                    .put("count", group.get("events").asLong()));
        }
        return new JsonObject()
                .put("interval", range.interval().wireName())
                .put("since", range.since().toString())
                .put("until", range.until().toString())
                .put("filters", new JsonObject()
                        .put("project", filters.projectId())
                        .put("source", filters.source())
                        .put("error_type", filters.errorType())
                        .put("level", filters.level()))
                .put("total", counts.total())
                .put("series", series)
                .put("groups", largest);
    }
}
