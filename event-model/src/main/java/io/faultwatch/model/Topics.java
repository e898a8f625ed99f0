package io.faultwatch.model;

import java.util.List;

/** Kafka topic names, shared by the gateway, the jobs, the scripts and docker-compose.yml. */
public final class Topics {
    public static final String EVENTS = "fw.events";
    public static final String SESSIONS = "fw.sessions";
    public static final String OUTCOMES = "fw.outcomes";
    public static final String DEAD_LETTERS = "fw.dead-letters";
    public static final String ISSUE_EVENTS = "fw.issue-events";
    /** Status changes from the query API for the pipeline job ({@link IssueCommand}), keyed by {@link #issueKey}. */
    public static final String ISSUE_COMMANDS = "fw.issue-commands";
    /** Alert rules ({@link AlertRule}) from the query API, compacted: key = rule id, a tombstone on delete. */
    public static final String ALERT_RULES = "fw.alert-rules";
    /** Notifications ({@link AlertNotification}) from the pipeline job for the notifier, keyed by their id. */
    public static final String ALERTS = "fw.alerts";

    public static final List<String> ALL =
            List.of(EVENTS, SESSIONS, OUTCOMES, DEAD_LETTERS, ISSUE_EVENTS, ISSUE_COMMANDS, ALERT_RULES, ALERTS);

    private Topics() {}

    /**
     * The key of the per-issue topics ({@link #ISSUE_COMMANDS}, {@link #ISSUE_EVENTS}): all records of
     * one issue land in one partition, in the order they were written.
     */
    public static String issueKey(long projectId, String fingerprint) {
        return projectId + ":" + fingerprint;
    }
}
