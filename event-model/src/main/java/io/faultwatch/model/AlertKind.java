package io.faultwatch.model;

import java.util.Locale;

/** What an {@link AlertRule} watches. Wire names (API, PostgreSQL) are the lowercase names. */
public enum AlertKind {
    /** More than {@code threshold} matching events in the sliding window. */
    EVENT_COUNT,
    /** Errored sessions in percent of started sessions, or errors per minute, above {@code threshold}. */
    ERROR_RATE,
    /** The window's count above {@code threshold} times the mean of the previous windows. */
    SPIKE,
    /** The first event of an issue. */
    NEW_ISSUE,
    /** An event reopened a resolved issue. */
    REGRESSION,
    /** {@code threshold} failures in a row (events matching the failure tags) with no other event between. */
    CONSECUTIVE_FAILURES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the name is unknown. */
    public static AlertKind fromWireName(String name) {
        for (AlertKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** The kinds that fire on one lifecycle event and have nothing to resolve. */
    public boolean isLifecycle() {
        return this == NEW_ISSUE || this == REGRESSION;
    }
}
