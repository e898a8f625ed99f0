package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated body of {@code PUT /api/v1/projects/{id}/issues/{issue_id}}, e.g.
 * {@code {"status":"ignored","assignee":"ann@example.com","ignore":{"until":"2026-12-01T00:00:00Z","count":100}}}.
 * Every field is optional, but the body must change something. {@code ignore} goes only with status
 * ignored: without it, or with neither option, the issue is ignored forever; with both, the first
 * condition reached ends the ignore.
 *
 * @param status        the new status, or null to keep it
 * @param assigneeGiven whether the body names an assignee; {@code "assignee": null} unassigns
 * @param ignoreUntil   ignored: until this time, or null
 * @param ignoreCount   ignored: until this many more events, or null
 */
public record IssueUpdate(
        IssueStatus status, boolean assigneeGiven, String assignee, Instant ignoreUntil, Long ignoreCount) {

    static final int MAX_ASSIGNEE_LENGTH = 200;
    static final long MAX_IGNORE_COUNT = 1_000_000_000L;
    /** PostgreSQL and ISO-8601 both handle four-digit years. */
    static final Instant MAX_IGNORE_UNTIL = Instant.parse("9999-12-31T23:59:59Z");

    static final Set<String> FIELDS = Set.of("status", "assignee", "ignore");
    private static final Set<String> IGNORE_FIELDS = Set.of("until", "count");
    private static final String STATUSES = Arrays.stream(IssueStatus.values())
            .map(IssueStatus::wireName).collect(Collectors.joining(", "));

    /** @param now an ignore must end after it */
    public static IssueUpdate parse(String body, Instant now) {
        JsonNode root = JsonBody.readObject(body);
        JsonBody.checkFields(root, FIELDS, "");
        return parse(root, now);
    }

    /** The change in a body whose fields were already checked (a bulk update has its ids besides). */
    static IssueUpdate parse(JsonNode root, Instant now) {
        if (!root.has("status") && !root.has("assignee")) {
            throw ApiException.invalidBody("nothing to change: the body needs status, assignee or both");
        }
        IssueStatus status = root.has("status") ? status(root.get("status")) : null;
        JsonNode ignore = root.get("ignore");
        Instant until = null;
        Long count = null;
        if (ignore != null && !ignore.isNull()) {
            if (status != IssueStatus.IGNORED) {
                throw ApiException.invalidParameter("ignore", "ignore goes only with status ignored");
            }
            if (!ignore.isObject()) {
                throw ApiException.invalidParameter("ignore", "ignore must be an object with until, count or both");
            }
            JsonBody.checkFields(ignore, IGNORE_FIELDS, "ignore.");
            until = ignoreUntil(ignore.get("until"), now);
            count = ignoreCount(ignore.get("count"));
        }
        return new IssueUpdate(status, root.has("assignee"), assignee(root.get("assignee")), until, count);
    }

    /** The command that tells the pipeline job, or null when the status does not change. */
    public IssueCommand command(long projectId, String fingerprint, Instant issuedAt) {
        if (status == null) {
            return null;
        }
        return new IssueCommand(projectId, fingerprint, status, issuedAt.toEpochMilli(),
                ignoreUntil == null ? null : ignoreUntil.toEpochMilli(), ignoreCount);
    }

    private static IssueStatus status(JsonNode value) {
        IssueStatus status = value.isTextual() ? IssueStatus.fromWireName(value.asText()) : null;
        if (status == null) {
            throw ApiException.invalidParameter("status",
                    "status must be one of " + STATUSES + ", got " + RequestParams.echo(value.toString()));
        }
        return status;
    }

    private static String assignee(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String assignee = value.isTextual() ? value.asText().strip() : "";
        if (assignee.isEmpty() || assignee.length() > MAX_ASSIGNEE_LENGTH) {
            throw ApiException.invalidParameter("assignee", "assignee must be null or a name of 1 to "
                    + MAX_ASSIGNEE_LENGTH + " characters, got " + RequestParams.echo(value.toString()));
        }
        return assignee;
    }

    private static Instant ignoreUntil(JsonNode value, Instant now) {
        if (value == null || value.isNull()) {
            return null;
        }
        Instant until;
        try {
            until = value.isTextual() ? Instant.parse(value.asText()).truncatedTo(ChronoUnit.MILLIS) : null;
        } catch (DateTimeParseException e) {
            until = null;
        }
        if (until == null) {
            throw ApiException.invalidParameter("ignore.until", "ignore.until must be an ISO-8601 instant such as "
                    + "2026-12-01T00:00:00Z, got " + RequestParams.echo(value.toString()));
        }
        if (!until.isAfter(now) || until.isAfter(MAX_IGNORE_UNTIL)) {
            throw ApiException.invalidParameter("ignore.until", "ignore.until must be after " + now + " and at most "
                    + MAX_IGNORE_UNTIL + ", got " + RequestParams.echo(value.asText()));
        }
        return until;
    }

    private static Long ignoreCount(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < 1 || value.asLong() > MAX_IGNORE_COUNT) {
            throw ApiException.invalidParameter("ignore.count", "ignore.count must be an integer between 1 and "
                    + MAX_IGNORE_COUNT + ", got " + RequestParams.echo(value.toString()));
        }
        return value.asLong();
    }
}
