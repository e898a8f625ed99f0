package io.faultwatch.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders of the issue list, each newest / largest first, ties broken by id. */
enum IssueSort {
    LAST_SEEN("last_seen", "last_seen", true),
    FIRST_SEEN("first_seen", "first_seen", true),
    COUNT("count", "times_seen", false),
    USERS("users", "users", false);

    static final String NAMES = Arrays.stream(values()).map(IssueSort::wireName).collect(Collectors.joining(", "));

    private final String wireName;
    private final String column;
    private final boolean time;

    IssueSort(String wireName, String column, boolean time) {
        this.wireName = wireName;
        this.column = column;
        this.time = time;
    }

    String wireName() {
        return wireName;
    }

    /** The issues column it orders by; a constant, so it is safe in SQL text. */
    String column() {
        return column;
    }

    /** Whether the column is a time (the cursor then holds epoch microseconds) or a count. */
    boolean isTime() {
        return time;
    }

    static IssueSort parse(String raw) {
        if (raw == null) {
            return LAST_SEEN;
        }
        for (IssueSort sort : values()) {
            if (sort.wireName.equals(raw)) {
                return sort;
            }
        }
        throw ApiException.invalidParameter("sort", "sort must be one of " + NAMES + ", got " + RequestParams.echo(raw));
    }
}
