package io.faultwatch.api;

import io.faultwatch.model.IssueCommand;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code PUT /api/v1/projects/{id}/issues/{issue_id}}: changes an issue's status (body {@link IssueUpdate})
 * and assignee, answering with the changed issue. A status change is written to PostgreSQL for the next
 * read and published as a command for the pipeline job, which owns the issue's state: the job applies it
 * and writes the row again, so the table converges on the status the job's regression logic uses.
 */
final class IssueUpdateHandler implements Handler<RoutingContext> {

    /** A status change is a few hundred bytes. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final IssueStore issues;
    private final KafkaPublisher commands;
    private final Clock clock;

    IssueUpdateHandler(IssueStore issues, KafkaPublisher commands, Clock clock) {
        this.issues = issues;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long projectId = RequestParams.projectId(ctx.pathParam("id"));
        long issueId = RequestParams.issueId(ctx.pathParam("issue_id"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IssueUpdate update = IssueUpdate.parse(ctx.body().asString(), now);
        ProjectCheck.requireProject(issues, projectId)
                .compose(known -> issues.updateIssue(projectId, issueId, update, now, changed -> {
                    IssueCommand command = update.command(projectId, changed.fingerprint(), now);
                    return command == null ? Future.succeededFuture() : commands.publish(command);
                }))
                .onSuccess(changed -> JsonResponses.sendJson(ctx, 200, IssueJson.toJson(changed)))
                .onFailure(ctx::fail);
    }
}
