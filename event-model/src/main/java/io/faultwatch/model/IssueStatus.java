package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Where an issue stands, as Sentry users know it. The wire name (JSON, the PostgreSQL
 * {@code issues.status} column, the query API) is the lowercase one.
 */
public enum IssueStatus {
    @JsonProperty("unresolved") UNRESOLVED,
    /** Fixed: the next event reopens the issue as a regression. */
    @JsonProperty("resolved") RESOLVED,
    /** Fixed in the coming release: only an event of a newer release than the current one reopens it. */
    @JsonProperty("resolved_in_next_release") RESOLVED_IN_NEXT_RELEASE,
    /** Muted: forever, until a number of further events, or until a time. */
    @JsonProperty("ignored") IGNORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name, or null when there is none. */
    public static IssueStatus fromWireName(String name) {
        for (IssueStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
