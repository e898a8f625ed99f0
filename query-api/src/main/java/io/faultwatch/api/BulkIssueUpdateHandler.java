package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code PUT /api/v1/projects/{id}/issues}, body {@link BulkIssueUpdate}: the same change to many issues at
 * once, all or none (one unknown id changes nothing), each status change published for the pipeline job
 * exactly like {@link IssueUpdateHandler} does. Answers with the changed issues.
 */
record BulkIssueUpdateHandler(IssueStore issues, KafkaPublisher commands, Clock clock)
        implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        BulkIssueUpdate bulk = BulkIssueUpdate.parse(ctx.body().asString(), now);
        issues.updateIssues(projectId, bulk.ids(), "ids", bulk.update(), now,
                        IssueUpdateHandler.publisher(commands, projectId, bulk.update(), now))
                .onSuccess(changed -> {
                    JsonArray data = new JsonArray();
                    changed.forEach(issue -> data.add(IssueJson.toJson(issue)));
                    JsonResponses.sendJson(ctx, 200, new JsonObject().put("data", data));
                })
                .onFailure(ctx::fail);
    }
}
