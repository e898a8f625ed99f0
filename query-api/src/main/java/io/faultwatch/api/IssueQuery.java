package io.faultwatch.api;

import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code GET /api/v1/projects/{id}/issues} asks for: filters (null means any), the sort and the page.
 * Pure: it reads parameters through a function, so it is tested without a server.
 *
 * @param statuses    any of these (the parameter is comma-separated)
 * @param release     the issue's first or last release
 * @param environment one of the environments it was seen in
 * @param text        a case-insensitive substring of the title or the culprit
 * @param after       where the previous page ended, or null for the first page
 */
record IssueQuery(List<IssueStatus> statuses, String level, String environment, String release, String assignee,
                  Instant firstSeenSince, Instant firstSeenUntil, Instant lastSeenSince, Instant lastSeenUntil,
                  String text, IssueSort sort, IssueCursor after, int limit) {

    private static final String STATUSES = Arrays.stream(IssueStatus.values())
            .map(IssueStatus::wireName).collect(Collectors.joining(", "));

    static IssueQuery parse(Function<String, String> params) {
        IssueSort sort = IssueSort.parse(params.apply("sort"));
        return new IssueQuery(
                statuses(params.apply("status")),
                RequestParams.level(params.apply("level")),
                RequestParams.name("environment", params.apply("environment")),
                RequestParams.name("release", params.apply("release")),
                RequestParams.name("assignee", params.apply("assignee")),
                RequestParams.instant("first_seen_since", params.apply("first_seen_since")),
                RequestParams.instant("first_seen_until", params.apply("first_seen_until")),
                RequestParams.instant("last_seen_since", params.apply("last_seen_since")),
                RequestParams.instant("last_seen_until", params.apply("last_seen_until")),
                RequestParams.name("query", params.apply("query")),
                sort,
                IssueCursor.parse(params.apply("cursor"), sort),
                RequestParams.limit(params.apply("limit")));
    }

    private static List<IssueStatus> statuses(String raw) {
        if (raw == null) {
            return List.of();
        }
        List<IssueStatus> statuses = new ArrayList<>();
        for (String name : raw.split(",", -1)) {
            IssueStatus status = IssueStatus.fromWireName(name.strip());
            if (status == null) {
                throw ApiException.invalidParameter("status", "status must be one or more (comma-separated) of "
                        + STATUSES + ", got " + RequestParams.echo(raw));
            }
            statuses.add(status);
        }
        return statuses;
    }
}
