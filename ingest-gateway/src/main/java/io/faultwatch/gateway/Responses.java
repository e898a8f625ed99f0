package io.faultwatch.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON bodies the gateway answers with, in the shapes Sentry's SDKs expect. */
final class Responses {
    private Responses() {}

    /** Accepted: {@code {"id":"<event_id>"}}, or {@code {}} for an envelope without an event. */
    static void eventId(RoutingContext ctx, String eventId) {
        JsonObject body = eventId == null ? new JsonObject() : new JsonObject().put("id", eventId);
        json(ctx, 200, body);
    }

    /** Refused: {@code {"detail":"<what is wrong>"}}, Sentry's error shape. */
    static void detail(RoutingContext ctx, int status, String detail) {
        json(ctx, status, new JsonObject().put("detail", detail));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
