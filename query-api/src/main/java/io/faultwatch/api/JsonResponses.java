package io.faultwatch.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON responses, and errors in the one shape used everywhere: {@code {"error":{"code","message","field"}}}. */
final class JsonResponses {

    private static final Logger LOG = LoggerFactory.getLogger(JsonResponses.class);

    private JsonResponses() {
    }

    static void sendJson(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    /** Failure handler: refusals keep their status and message; anything else is logged and hidden. */
    static void handleFailure(RoutingContext ctx) {
        if (ctx.failure() instanceof ApiException refusal) {
            refusal.headers().forEach(ctx.response()::putHeader);
            sendError(ctx, refusal.status(), refusal.code(), refusal.getMessage(), refusal.field());
        } else if (ctx.failure() == null && ctx.statusCode() == 413) {
            // The body handler refuses a body over its limit with the status alone.
            sendError(ctx, 413, "payload_too_large", "the request body is too large", null);
        } else {
            // Driver errors can carry SQL and connection details; they go to the log, not to the client.
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            sendError(ctx, 500, "internal_error", "internal error", null);
        }
    }

    /** Vert.x answers 400 itself, before any route runs, e.g. when the URI's percent-encoding is broken. */
    static void malformedRequest(RoutingContext ctx) {
        sendError(ctx, 400, "invalid_request", "the request URI is malformed", null);
    }

    static void routeNotFound(RoutingContext ctx) {
        sendError(ctx, 404, "not_found", "no route for " + ctx.request().method() + " " + ctx.request().path(), null);
    }

    static void methodNotAllowed(RoutingContext ctx) {
        sendError(ctx, 405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path(), null);
    }

    private static void sendError(RoutingContext ctx, int status, String code, String message, String field) {
        JsonObject error = new JsonObject()
                .put("code", code)
                .put("message", message)
                .put("field", field);
        sendJson(ctx, status, new JsonObject().put("error", error));
    }
}
