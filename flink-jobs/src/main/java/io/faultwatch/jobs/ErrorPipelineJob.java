package io.faultwatch.jobs;

import io.faultwatch.jobs.functions.CountEvents;
import io.faultwatch.jobs.functions.EarlyFiringEventTimeTrigger;
import io.faultwatch.jobs.functions.EmitMinuteCount;
import io.faultwatch.jobs.functions.IssueKeySelector;
import io.faultwatch.jobs.functions.IssueTracker;
import io.faultwatch.jobs.functions.ParseEventFunction;
import io.faultwatch.jobs.functions.WallClockWatermarks;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events topic → parse and fingerprint → per-issue counters (PostgreSQL {@code issues}) and
 * per-minute counts (ClickHouse {@code error_metrics_1m}); unparsable records → dead-letter topic.
 *
 * <p>This class only wires the graph; the operators live in {@code functions/} and the source and
 * sinks are parameters, so tests can wire their own. Run with plain {@code java}, {@code main}
 * executes in an embedded MiniCluster; submitted to a cluster, it runs there.
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
        build(env,
                PipelineConnectors.eventsSource(config),
                PipelineConnectors.deadLetterSink(config),
                PipelineConnectors.issueSink(config),
                PipelineConnectors.minuteCountSink(config),
                config.issueRetention());
        LOG.info("Starting the error pipeline: Kafka {} (group {}), PostgreSQL {}, ClickHouse {}, checkpoints in {}"
                        + " every {} ms, parallelism {}",
                config.services().kafkaBootstrap(), config.groupId(), config.services().postgresJdbcUrl(),
                config.services().clickhouseUrl(), config.checkpointUri(), config.checkpointInterval().toMillis(),
                config.parallelism());
        env.execute("faultwatch-error-pipeline");
    }

    public static void build(
            StreamExecutionEnvironment env,
            Source<byte[], ?, ?> events,
            Sink<DeadLetter> deadLetterSink,
            Sink<IssueRow> issueSink,
            Sink<MinuteCount> minuteCountSink,
            Duration issueRetention) {

        // Event time is the gateway's receive time inside the payload, so watermarks come after parsing.
        SingleOutputStreamOperator<GroupedEvent> parsed = env
                .fromSource(events, WatermarkStrategy.noWatermarks(), "fw.events")
                .uid("events-source")
                .process(new ParseEventFunction())
                .uid("parse-events")
                .name("parse and fingerprint");

        parsed.getSideOutput(ParseEventFunction.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .uid("dead-letter-sink")
                .name("fw.dead-letters");

        DataStream<GroupedEvent> grouped = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<GroupedEvent>forGenerator(context ->
                                new WallClockWatermarks(OUT_OF_ORDERNESS, IDLE_AFTER, System::currentTimeMillis))
                        .withTimestampAssigner((event, previous) -> event.receivedAt()))
                .uid("receive-time-watermarks")
                .name("receive-time watermarks");

        grouped.keyBy(new IssueKeySelector())
                .process(new IssueTracker(issueRetention))
                .uid("issue-tracker")
                .name("issue tracker")
                .sinkTo(issueSink)
                .uid("issues-sink")
                .name("PostgreSQL issues");

        minuteCounts(grouped)
                .sinkTo(minuteCountSink)
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
