package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/projects/{id}/issues}: the project's issues matching the filters of {@link IssueQuery},
 * in its sort, a page at a time. When there is a next page, the {@code Link} header has it
 * ({@code <...&cursor=...>; rel="next"}, RFC 8288), with the same filters.
 */
record IssuesHandler(IssueStore issues) implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        MultiMap params = ctx.queryParams();
        IssueQuery query = IssueQuery.parse(params::get);
        issues.listIssues(projectId, query).onSuccess(rows -> {
            List<IssueRow> page = rows.subList(0, Math.min(query.limit(), rows.size()));
            if (rows.size() > query.limit()) {
                IssueCursor next = IssueCursor.after(query.sort(), page.get(page.size() - 1));
                ctx.response().putHeader("Link", "<" + nextPage(ctx.request().path(), params, next) + ">; rel=\"next\"");
            }
            JsonArray data = new JsonArray();
            page.forEach(issue -> data.add(IssueJson.toJson(issue)));
            JsonResponses.sendJson(ctx, 200, new JsonObject().put("data", data));
        }).onFailure(ctx::fail);
    }

    /** The same request with the next cursor: a relative reference, right behind any proxy. */
    private static String nextPage(String path, MultiMap params, IssueCursor next) {
        StringBuilder url = new StringBuilder(path).append('?');
        for (Map.Entry<String, String> param : params) {
            if (!param.getKey().equals("cursor")) {
                url.append(encode(param.getKey())).append('=').append(encode(param.getValue())).append('&');
            }
        }
        return url.append("cursor=").append(next.encode()).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
