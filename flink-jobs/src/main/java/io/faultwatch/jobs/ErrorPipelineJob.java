package io.faultwatch.jobs;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.AlertSignal;
import io.faultwatch.jobs.functions.AggregateMinute;
import io.faultwatch.jobs.functions.Combine;
import io.faultwatch.jobs.functions.CountSessions;
import io.faultwatch.jobs.functions.CountedMinuteWindows;
import io.faultwatch.jobs.functions.DropDuplicateEvents;
import io.faultwatch.jobs.functions.EarlyFiringEventTimeTrigger;
import io.faultwatch.jobs.functions.EmitMinuteMetric;
import io.faultwatch.jobs.functions.EvaluateAlerts;
import io.faultwatch.jobs.functions.EventProjectKeySelector;
import io.faultwatch.jobs.functions.IssueCommandKeySelector;
import io.faultwatch.jobs.functions.IssueKeySelector;
import io.faultwatch.jobs.functions.IssueTracker;
import io.faultwatch.jobs.functions.MetricKeySelector;
import io.faultwatch.jobs.functions.MinuteMetricKeySelector;
import io.faultwatch.jobs.functions.ParseEventFunction;
import io.faultwatch.jobs.functions.ParseIssueCommandFunction;
import io.faultwatch.jobs.functions.ParseRecordFunction;
import io.faultwatch.jobs.functions.ParseSessionFunction;
import io.faultwatch.jobs.functions.RecountTooLate;
import io.faultwatch.jobs.functions.RouteAlertSignals;
import io.faultwatch.jobs.functions.RuleSignalKeySelector;
import io.faultwatch.jobs.functions.RunningTotals;
import io.faultwatch.jobs.functions.SessionKeySelector;
import io.faultwatch.jobs.functions.WallClockWatermarks;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.SessionRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events topic → parse and fingerprint → drop duplicate event ids → per-issue state, joined by key with the query API's status
 * commands (PostgreSQL {@code issues}, lifecycle events on fw.issue-events); every event to ClickHouse
 * {@code events}; events and the sessions topic → per-minute metrics with hourly and daily running
 * totals (ClickHouse {@code error_metrics_*}, {@code session_metrics_*}); alert rules evaluated on events,
 * lifecycle events and sessions → fw.alerts; unreadable records → dead-letter topic.
 *
 * <p>This class only wires the graph; the operators live in {@code functions/} and the sources and
 * sinks are parameters ({@link PipelineEndpoints}), so tests can wire their own. Run with plain
 * {@code java}, {@code main} executes in an embedded MiniCluster; submitted to a cluster, it runs there.
 */
public final class ErrorPipelineJob {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPipelineJob.class);

    /** Records reach the job out of receive order by at most this much (gateway instances, partitions). */
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(2);
    /** After this long without records, event time follows the wall clock. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(5);
    /** Late records still update their minute for this long after it closed; later ones count in the current one. */
    static final Duration ALLOWED_LATENESS = Duration.ofMinutes(1);
    static final Duration EARLY_FIRING_INTERVAL = Duration.ofSeconds(1);
    /**
     * Metrics and issue rows lag by up to this much more; the windows' and the issue tracker's state is
     * touched once per key in it.
     */
    static final Duration COMBINE_INTERVAL = Duration.ofMillis(500);
    /** Bounds what one instance holds between two sends of the combined metrics. */
    static final int MAX_COMBINED_KEYS = 20_000;
    /** Bounds the events one instance holds for the issue tracker between two sends (a few MB). */
    static final int MAX_COMBINED_EVENTS = 10_000;
    /** What was counted of a session is remembered this long after its last update. */
    static final Duration SESSION_TIMEOUT = Duration.ofDays(1);

    private ErrorPipelineJob() {}

    public static void main(String[] args) throws Exception {
        PipelineConfig config = PipelineConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        build(env, PipelineConnectors.endpoints(config), config);
        LOG.info("Starting the error pipeline: Kafka {} (group {}), PostgreSQL {}, ClickHouse {}, checkpoints in {}"
                        + " every {} ms, parallelism {}",
                config.services().kafkaBootstrap(), config.groupId(), config.services().postgresJdbcUrl(),
                config.services().clickhouseUrl(), config.checkpointUri(), config.checkpointInterval().toMillis(),
                config.parallelism());
        env.execute("faultwatch-error-pipeline");
    }

    public static void build(StreamExecutionEnvironment env, PipelineEndpoints endpoints, PipelineConfig config) {
        // Event time is the gateway's receive time inside the payload, so watermarks come after parsing.
        SingleOutputStreamOperator<ParsedEvent> parsed = env
                .fromSource(endpoints.events(), WatermarkStrategy.noWatermarks(), "fw.events")
                .uid("events-source")
                .process(new ParseEventFunction())
                .uid("parse-events")
                .name("parse and fingerprint");

        // Everything downstream sees each event id once.
        SingleOutputStreamOperator<GroupedEvent> unique = parsed
                .keyBy(new EventProjectKeySelector())
                .process(new DropDuplicateEvents(config.dedupTtl()))
                .uid("drop-duplicate-events")
                .name("drop duplicate events");

        SingleOutputStreamOperator<SessionRecord> sessions = env
                .fromSource(endpoints.sessions(), WatermarkStrategy.noWatermarks(), "fw.sessions")
                .uid("sessions-source")
                .process(new ParseSessionFunction())
                .uid("parse-sessions")
                .name("parse sessions");

        // Only processing time matters to the issue tracker, and commands carry no event time.
        SingleOutputStreamOperator<IssueCommand> commands = env
                .fromSource(endpoints.issueCommands(), WatermarkStrategy.noWatermarks(), "fw.issue-commands")
                .uid("issue-commands-source")
                .process(new ParseIssueCommandFunction())
                .uid("parse-issue-commands")
                .name("parse issue commands");

        parsed.getSideOutput(ParseRecordFunction.DEAD_LETTERS)
                .union(sessions.getSideOutput(ParseRecordFunction.DEAD_LETTERS),
                        commands.getSideOutput(ParseRecordFunction.DEAD_LETTERS))
                .sinkTo(endpoints.deadLetters())
                .uid("dead-letter-sink")
                .name("fw.dead-letters");

        unique.getSideOutput(DropDuplicateEvents.EVENT_ROWS)
                .sinkTo(endpoints.eventRows())
                .uid("event-rows-sink")
                .name("ClickHouse events");

        DataStream<GroupedEvent> grouped = unique
                .assignTimestampsAndWatermarks(ErrorPipelineJob.<GroupedEvent>receiveTime((event, previous) -> event.receivedAt()))
                .uid("receive-time-watermarks")
                .name("receive-time watermarks");

        // Events and commands of one issue meet in one keyed operator: the job is the single writer of
        // the issue's row, and its regression logic sees every resolution.
        SingleOutputStreamOperator<IssueRow> issues = grouped
                .transform("combine per issue", TypeInformation.of(IssueEvents.class),
                        Combine.forProcessingTime(COMBINE_INTERVAL, MAX_COMBINED_EVENTS, PendingIssueEvents::new))
                .uid("combine-issue-events")
                .connect(commands)
                .keyBy(new IssueKeySelector(), new IssueCommandKeySelector())
                .process(new IssueTracker(config.issueRetention()))
                .uid("issue-tracker")
                .name("issue tracker");
        issues.sinkTo(endpoints.issues())
                .uid("issues-sink")
                .name("PostgreSQL issues");
        issues.getSideOutput(IssueTracker.LIFECYCLE_EVENTS)
                .sinkTo(endpoints.issueEvents())
                .uid("issue-events-sink")
                .name("fw.issue-events");

        SingleOutputStreamOperator<MetricEvent> eventMetrics = grouped
                .map(MetricEvent::of)
                .returns(MetricEvent.class)
                .uid("event-metrics")
                .name("event metrics");
        minuteMetrics(eventMetrics, "error-metrics")
                .sinkTo(endpoints.errorMetrics())
                .uid("error-metrics-sink")
                .name("ClickHouse error_metrics_rows");

        SingleOutputStreamOperator<MetricEvent> sessionMetrics = sessions
                .assignTimestampsAndWatermarks(ErrorPipelineJob.<SessionRecord>receiveTime((session, previous) -> session.receivedAt()))
                .uid("session-receive-time-watermarks")
                .name("session receive-time watermarks")
                .keyBy(new SessionKeySelector())
                .process(new CountSessions(SESSION_TIMEOUT))
                .uid("count-sessions")
                .name("count sessions");
        minuteMetrics(sessionMetrics, "session-metrics")
                .sinkTo(endpoints.sessionMetrics())
                .uid("session-metrics-sink")
                .name("ClickHouse session_metrics_rows");

        alerting(env, endpoints, grouped, issues.getSideOutput(IssueTracker.LIFECYCLE_EVENTS), sessionMetrics);
    }

    /**
     * Alert rules (broadcast from the compacted rules topic) evaluated on the events, the issues' lifecycle
     * events and the session counts, keyed by rule; notifications to fw.alerts for the notifier. The
     * lifecycle events are taken from the issue tracker in this job rather than from fw.issue-events, so a
     * new issue alerts as soon as the tracker has seen it.
     */
    static void alerting(StreamExecutionEnvironment env, PipelineEndpoints endpoints, DataStream<GroupedEvent> events,
                         DataStream<IssueEvent> lifecycle, DataStream<MetricEvent> sessionCounts) {
        BroadcastStream<AlertRuleChange> rules = env
                .fromSource(endpoints.alertRules(), WatermarkStrategy.noWatermarks(), "fw.alert-rules")
                .uid("alert-rules-source")
                .broadcast(RouteAlertSignals.RULES);
        DataStream<AlertSignal> signals = events
                .map(AlertSignal::of).returns(AlertSignal.class)
                .uid("alert-signals-events").name("alert signals: events")
                .union(lifecycle.map(AlertSignal::of).returns(AlertSignal.class)
                                .uid("alert-signals-lifecycle").name("alert signals: new issues and regressions"),
                        sessionCounts.map(AlertSignal::ofSessions).returns(AlertSignal.class)
                                .uid("alert-signals-sessions").name("alert signals: sessions"));
        signals.connect(rules)
                .process(new RouteAlertSignals())
                .uid("route-alert-signals")
                .name("route signals to alert rules")
                .keyBy(new RuleSignalKeySelector())
                .connect(rules)
                .process(new EvaluateAlerts())
                .uid("evaluate-alerts")
                .name("evaluate alert rules")
                .sinkTo(endpoints.alertNotifications())
                .uid("alert-notifications-sink")
                .name("fw.alerts");
    }

    private static <T> WatermarkStrategy<T> receiveTime(SerializableTimestampAssigner<T> receivedAt) {
        return WatermarkStrategy
                .<T>forGenerator(context ->
                        new WallClockWatermarks<>(OUT_OF_ORDERNESS, IDLE_AFTER, System::currentTimeMillis))
                .withTimestampAssigner(receivedAt);
    }

    /**
     * Per-minute counts of each key, each firing with the running totals of its hour and day: records
     * too late for their minute are moved to the current one, summed per key and minute for half a second,
     * then counted in the key's minute windows.
     *
     * @param name prefixes the operators' uids, which must stay stable across releases
     */
    static SingleOutputStreamOperator<MetricRow> minuteMetrics(DataStream<MetricEvent> records, String name) {
        SingleOutputStreamOperator<MetricEvent> combined = records
                .process(new RecountTooLate(ALLOWED_LATENESS))
                .uid(name + "-recount-too-late")
                .name(name + ": recount too late")
                .transform(name + ": combine per key and minute", TypeInformation.of(MetricEvent.class),
                        Combine.forEventTime(COMBINE_INTERVAL, MAX_COMBINED_KEYS, PartialMinutes::new))
                .uid(name + "-combine-minutes");
        return minuteWindows(combined, name)
                .keyBy(new MinuteMetricKeySelector())
                .process(new RunningTotals(ALLOWED_LATENESS))
                .uid(name + "-running-totals")
                .name(name + ": hour and day totals");
    }

    /** Each key's records per minute, re-emitted with the absolute totals as they grow. */
    static SingleOutputStreamOperator<MinuteMetric> minuteWindows(DataStream<MetricEvent> records, String name) {
        return records.keyBy(new MetricKeySelector())
                .window(new CountedMinuteWindows())
                .trigger(new EarlyFiringEventTimeTrigger(EARLY_FIRING_INTERVAL))
                .allowedLateness(ALLOWED_LATENESS)
                .aggregate(new AggregateMinute(), new EmitMinuteMetric())
                .uid(name + "-minutes")
                .name(name + ": per-minute counts");
    }
}
