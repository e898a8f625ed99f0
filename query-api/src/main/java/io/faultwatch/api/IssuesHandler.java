package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /api/v1/projects/{id}/issues?limit=}: the project's issues, most recently seen first. */
final class IssuesHandler implements Handler<RoutingContext> {

    private final IssueStore issues;

    IssuesHandler(IssueStore issues) {
        this.issues = issues;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        int limit = RequestParams.limit(ctx.queryParams().get("limit"));
        ProjectCheck.requireProject(issues, projectId)
                .compose(known -> issues.listIssues(projectId, limit))
                .onSuccess(rows -> JsonResponses.sendJson(ctx, 200, new JsonObject().put("data", toJson(rows))))
                .onFailure(ctx::fail);
    }

    private static JsonArray toJson(List<IssueRow> rows) {
        JsonArray data = new JsonArray();
        rows.forEach(issue -> data.add(IssueJson.toJson(issue)));
        return data;
    }
}
