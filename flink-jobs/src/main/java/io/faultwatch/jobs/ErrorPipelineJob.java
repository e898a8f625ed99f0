package io.faultwatch.jobs;

import io.faultwatch.jobs.functions.CountEvents;
import io.faultwatch.jobs.functions.EarlyFiringEventTimeTrigger;
import io.faultwatch.jobs.functions.EmitMinuteCount;
import io.faultwatch.jobs.functions.IssueCommandKeySelector;
import io.faultwatch.jobs.functions.IssueKeySelector;
import io.faultwatch.jobs.functions.IssueTracker;
import io.faultwatch.jobs.functions.ParseEventFunction;
import io.faultwatch.jobs.functions.ParseIssueCommandFunction;
import io.faultwatch.jobs.functions.ParseRecordFunction;
import io.faultwatch.jobs.functions.WallClockWatermarks;
import io.faultwatch.model.IssueCommand;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events topic → parse and fingerprint → per-issue state, joined by key with the query API's status
 * commands (PostgreSQL {@code issues}, lifecycle events on fw.issue-events) and per-minute counts
 * (ClickHouse {@code error_metrics_1m}); unreadable records → dead-letter topic.
 *
 * <p>This class only wires the graph; the operators live in {@code functions/} and the sources and
 * sinks are parameters ({@link PipelineEndpoints}), so tests can wire their own. Run with plain
 * {@code java}, {@code main} executes in an embedded MiniCluster; submitted to a cluster, it runs there.
 */
public final class ErrorPipelineJob {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPipelineJob.class);

    /** Events reach the job out of receive order by at most this much (gateway instances, partitions). */
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(2);
    /** After this long without events, event time follows the wall clock. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(5);
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** Late events still update their minute for this long after it closed. */
    static final Duration ALLOWED_LATENESS = Duration.ofMinutes(1);
    static final Duration EARLY_FIRING_INTERVAL = Duration.ofSeconds(1);

    private ErrorPipelineJob() {}

    public static void main(String[] args) throws Exception {
        PipelineConfig config = PipelineConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        build(env, PipelineConnectors.endpoints(config), config.issueRetention());
        LOG.info("Starting the error pipeline: Kafka {} (group {}), PostgreSQL {}, ClickHouse {}, checkpoints in {}"
                        + " every {} ms, parallelism {}",
                config.services().kafkaBootstrap(), config.groupId(), config.services().postgresJdbcUrl(),
                config.services().clickhouseUrl(), config.checkpointUri(), config.checkpointInterval().toMillis(),
                config.parallelism());
        env.execute("faultwatch-error-pipeline");
    }

    public static void build(StreamExecutionEnvironment env, PipelineEndpoints endpoints, Duration issueRetention) {
        // Event time is the gateway's receive time inside the payload, so watermarks come after parsing.
        SingleOutputStreamOperator<GroupedEvent> parsed = env
                .fromSource(endpoints.events(), WatermarkStrategy.noWatermarks(), "fw.events")
                .uid("events-source")
                .process(new ParseEventFunction())
                .uid("parse-events")
                .name("parse and fingerprint");

        // Only processing time matters to the issue tracker, and commands carry no event time.
        SingleOutputStreamOperator<IssueCommand> commands = env
                .fromSource(endpoints.issueCommands(), WatermarkStrategy.noWatermarks(), "fw.issue-commands")
                .uid("issue-commands-source")
                .process(new ParseIssueCommandFunction())
                .uid("parse-issue-commands")
                .name("parse issue commands");

        parsed.getSideOutput(ParseRecordFunction.DEAD_LETTERS)
                .union(commands.getSideOutput(ParseRecordFunction.DEAD_LETTERS))
                .sinkTo(endpoints.deadLetters())
                .uid("dead-letter-sink")
                .name("fw.dead-letters");

        DataStream<GroupedEvent> grouped = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<GroupedEvent>forGenerator(context ->
                                new WallClockWatermarks(OUT_OF_ORDERNESS, IDLE_AFTER, System::currentTimeMillis))
                        .withTimestampAssigner((event, previous) -> event.receivedAt()))
                .uid("receive-time-watermarks")
                .name("receive-time watermarks");

        // Events and commands of one issue meet in one keyed operator: the job is the single writer of
        // the issue's row, and its regression logic sees every resolution.
        SingleOutputStreamOperator<IssueRow> issues = grouped
                .connect(commands)
                .keyBy(new IssueKeySelector(), new IssueCommandKeySelector())
                .process(new IssueTracker(issueRetention))
                .uid("issue-tracker")
                .name("issue tracker");
        issues.sinkTo(endpoints.issues())
                .uid("issues-sink")
                .name("PostgreSQL issues");
        issues.getSideOutput(IssueTracker.LIFECYCLE_EVENTS)
                .sinkTo(endpoints.issueEvents())
                .uid("issue-events-sink")
                .name("fw.issue-events");

        minuteCounts(grouped)
                .sinkTo(endpoints.minuteCounts())
                .uid("error-metrics-sink")
                .name("ClickHouse error_metrics_1m");
    }

    /** Each issue's events per minute of receive time, re-emitted with the absolute count as it grows. */
    static SingleOutputStreamOperator<MinuteCount> minuteCounts(DataStream<GroupedEvent> grouped) {
        return grouped.keyBy(new IssueKeySelector())
                .window(TumblingEventTimeWindows.of(MINUTE))
                .trigger(new EarlyFiringEventTimeTrigger(EARLY_FIRING_INTERVAL))
                .allowedLateness(ALLOWED_LATENESS)
                .aggregate(new CountEvents(), new EmitMinuteCount())
                .uid("minute-counts")
                .name("per-minute counts");
    }
}
