package io.faultwatch.api;

import io.faultwatch.model.IssueCommand;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * {@code PUT /api/v1/projects/{id}/issues/{issue_id}}: changes an issue's status (body {@link IssueUpdate})
 * and assignee, answering with the changed issue. A status change is written to PostgreSQL for the next
 * read and published as a command for the pipeline job, which owns the issue's state: the job applies it
 * and writes the row again, so the table converges on the status the job's regression logic uses.
 */
final class IssueUpdateHandler implements Handler<RoutingContext> {

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
        issues.updateIssues(projectId, List.of(issueId), "issue_id", update, now, publisher(commands, projectId, update, now))
                .onSuccess(changed -> JsonResponses.sendJson(ctx, 200, IssueJson.toJson(changed.get(0))))
                .onFailure(ctx::fail);
    }

    /** Publishes the command a changed issue needs, if any; shared with the bulk update. */
    static Function<IssueRow, Future<Void>> publisher(KafkaPublisher commands, long projectId, IssueUpdate update,
                                                      Instant now) {
        return changed -> {
            IssueCommand command = update.command(projectId, changed.fingerprint(), now);
            return command == null ? Future.succeededFuture() : commands.publish(command);
        };
    }
}
