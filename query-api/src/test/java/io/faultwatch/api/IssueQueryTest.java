package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueQueryTest {

    private static final IssueRow ISSUE = new IssueRow(42, 7, "fp", "Error", null, "error",
            Instant.parse("2026-11-20T08:00:00.123456Z"), Instant.parse("2026-11-22T10:00:00.5Z"), 17, 3, null, null,
            List.of(), IssueStatus.UNRESOLVED, null, null, null, null, null);

    @Test
    void withoutParametersEverythingMostRecentlySeenFirst() {
        IssueQuery query = IssueQuery.parse(Map.<String, String>of()::get);
        assertThat(query.statuses()).isEmpty();
        assertThat(query.sort()).isEqualTo(IssueSort.LAST_SEEN);
        assertThat(query.after()).isNull();
        assertThat(query.limit()).isEqualTo(RequestParams.DEFAULT_LIMIT);
    }

    @Test
    void readsEveryFilter() {
        IssueQuery query = IssueQuery.parse(Map.ofEntries(
                Map.entry("status", "unresolved, ignored"), Map.entry("level", "fatal"),
                Map.entry("environment", "production"), Map.entry("release", "shop@1.2"), Map.entry("assignee", "ann"),
                Map.entry("first_seen_since", "2026-11-01T00:00:00Z"), Map.entry("first_seen_until", "1795000000"),
                Map.entry("last_seen_since", "2026-11-20T00:00:00Z"), Map.entry("last_seen_until", "2026-11-23T00:00:00Z"),
                Map.entry("query", "cart"), Map.entry("sort", "users"), Map.entry("limit", "5"))::get);
        assertThat(query).isEqualTo(new IssueQuery(List.of(IssueStatus.UNRESOLVED, IssueStatus.IGNORED), "fatal",
                "production", "shop@1.2", "ann", Instant.parse("2026-11-01T00:00:00Z"), Instant.ofEpochSecond(1795000000),
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z"), "cart", IssueSort.USERS,
                null, 5));
    }

    @Test
    void aCursorComesBackAsTheSamePosition() {
        for (IssueSort sort : IssueSort.values()) {
            IssueCursor cursor = IssueCursor.after(sort, ISSUE);
            IssueQuery next = IssueQuery.parse(Map.of("sort", sort.wireName(), "cursor", cursor.encode())::get);
            assertThat(next.after()).isEqualTo(cursor);
            assertThat(cursor.id()).isEqualTo(42);
        }
        assertThat(IssueCursor.after(IssueSort.FIRST_SEEN, ISSUE).columnValue())
                .as("microseconds survive").isEqualTo(ISSUE.firstSeen());
        assertThat(IssueCursor.after(IssueSort.COUNT, ISSUE).columnValue()).isEqualTo(17L);
    }

    @Test
    void aCursorOfAnotherSortOrMadeUpIsRefused() {
        String countCursor = IssueCursor.after(IssueSort.COUNT, ISSUE).encode();
        assertThatThrownBy(() -> IssueQuery.parse(Map.of("cursor", countCursor)::get))
                .hasMessage("cursor belongs to sort 'count', not last_seen; start again without a cursor");
        for (String bad : List.of("%%%", "bm9wZQ", "Y291bnQ6OTk5OTk5OTk5OTk5OTk5OTk5OTk6MQ")) {
            assertThatThrownBy(() -> IssueQuery.parse(Map.of("cursor", bad, "sort", "count")::get))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> IssueQuery.parse(Map.of("status", "open")::get))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> IssueQuery.parse(Map.of("sort", "name")::get))
                .hasMessage("sort must be one of last_seen, first_seen, count, users, got 'name'");
        assertThatThrownBy(() -> IssueQuery.parse(Map.of("last_seen_until", "soon")::get))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("last_seen_until"));
        assertThatThrownBy(() -> IssueQuery.parse(Map.of("query", "x".repeat(201))::get))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }
}
