package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/projects/{id}/issues/{issue_id}/events?limit=&cursor=}: the issue's events from
 * ClickHouse, newest first, a page at a time; {@code next_cursor} fetches the next page and is null on
 * the last. Each event has its tags and the canonical payload the gateway stored.
 */
record IssueEventsHandler(IssueStore issues, MetricsStore metrics) implements Handler<RoutingContext> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long issueId = RequestParams.issueId(ctx.pathParam("issue_id"));
        int limit = RequestParams.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        EventCursor after = EventCursor.parse(ctx.queryParams().get("cursor"));
        issues.fingerprint(projectId, issueId, "issue_id")
                .compose(fingerprint -> metrics.issueEvents(projectId, fingerprint, after, limit))
                .onSuccess(rows -> JsonResponses.sendJson(ctx, 200, toJson(rows, limit)))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(List<JsonNode> rows, int limit) {
        JsonArray data = new JsonArray();
        List<JsonNode> page = rows.subList(0, Math.min(limit, rows.size()));
        for (JsonNode row : page) {
            data.add(event(row));
        }
        String next = null;
        if (rows.size() > limit) {
            JsonNode last = page.get(page.size() - 1);
            next = new EventCursor(last.get("received_at_ms").asLong(), last.get("event_id").asText()).toString();
        }
        return new JsonObject().put("data", data).put("next_cursor", next);
    }

    private static JsonObject event(JsonNode row) {
        JsonObject tags = new JsonObject();
        JsonNode keys = row.get("tag_keys");
        JsonNode values = row.get("tag_values");
        for (int i = 0; i < keys.size(); i++) {
            tags.put(keys.get(i).asText(), values.get(i).asText());
        }
        String userHash = row.get("user_hash").asText();
        return new JsonObject()
                .put("event_id", row.get("event_id").asText())
                .put("received_at", Instant.ofEpochMilli(row.get("received_at_ms").asLong()).toString())
                .put("timestamp", Instant.ofEpochMilli(row.get("timestamp_ms").asLong()).toString())
                .put("level", row.get("level").asText())
                .put("environment", text(row, "environment"))
                .put("release", text(row, "release"))
                .put("platform", text(row, "platform"))
                .put("server_name", text(row, "server_name"))
                .put("transaction", text(row, "transaction"))
                .put("error_type", text(row, "error_type"))
                .put("error_value", text(row, "error_value"))
                .put("message", text(row, "message"))
                .put("fingerprint", row.get("fingerprint").asText())
                .put("user_hash", "0".equals(userHash) ? null : userHash)
                .put("tags", tags)
                .put("payload", new JsonObject(row.get("payload").asText()));
    }

    /** ClickHouse has "" for absent; the API says null. */
    private static String text(JsonNode row, String field) {
        String value = row.get(field).asText();
        return value.isEmpty() ? null : value;
    }
}
