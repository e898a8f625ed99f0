package io.faultwatch.jobs;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.IssueEvent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/**
 * The sources and sinks {@link ErrorPipelineJob} is wired to: {@link PipelineConnectors} builds the real
 * ones, and tests can build their own.
 *
 * @param events         records of fw.events
 * @param sessions       records of fw.sessions
 * @param issueCommands  records of fw.issue-commands
 * @param errorMetrics   rows of ClickHouse error_metrics_rows
 * @param sessionMetrics rows of ClickHouse session_metrics_rows
 * @param eventRows      rows of ClickHouse events
 * @param alertRules     changes of fw.alert-rules (compacted), read from the earliest so every rule is known
 * @param alertNotifications notifications for fw.alerts
 */
public record PipelineEndpoints(
        Source<byte[], ?, ?> events,
        Source<byte[], ?, ?> sessions,
        Source<byte[], ?, ?> issueCommands,
        Sink<DeadLetter> deadLetters,
        Sink<IssueRow> issues,
        Sink<IssueEvent> issueEvents,
        Sink<MetricRow> errorMetrics,
        Sink<MetricRow> sessionMetrics,
        Sink<EventRow> eventRows,
        Source<AlertRuleChange, ?, ?> alertRules,
        Sink<AlertNotification> alertNotifications) {

    /** The same endpoints reading events from another source (the pipeline benchmark's pre-filled topic). */
    public PipelineEndpoints withEvents(Source<byte[], ?, ?> otherEvents) {
        return new PipelineEndpoints(otherEvents, sessions, issueCommands, deadLetters, issues, issueEvents,
                errorMetrics, sessionMetrics, eventRows, alertRules, alertNotifications);
    }

    /** The same endpoints writing ClickHouse event rows to another sink (a test's failing one). */
    public PipelineEndpoints withEventRows(Sink<EventRow> otherEventRows) {
        return new PipelineEndpoints(events, sessions, issueCommands, deadLetters, issues, issueEvents,
                errorMetrics, sessionMetrics, otherEventRows, alertRules, alertNotifications);
    }
}
