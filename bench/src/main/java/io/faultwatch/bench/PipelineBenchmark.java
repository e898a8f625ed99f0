package io.faultwatch.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.jobs.ErrorPipelineJob;
import io.faultwatch.jobs.PipelineConfig;
import io.faultwatch.jobs.PipelineConnectors;
import io.faultwatch.jobs.PipelineEndpoints;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline benchmark of issue 5, run by {@code ./faultwatch bench pipeline}. Two modes:
 *
 * <ul>
 *   <li>{@code throughput}: pre-fills a throwaway topic (as many partitions as fw.events) with canonical
 *       records of the load generator's events, each with its own event id; the baseline reads it back
 *       with plain Kafka consumers and parses every record with {@link EventJson}, as many threads as the
 *       job's parallelism; then the whole {@link ErrorPipelineJob} graph (real sinks, checkpoints on)
 *       runs on an embedded MiniCluster from the start of the topic, and its rate is measured where the
 *       last counts land: PostgreSQL's {@code sum(times_seen)} over the bench projects. With
 *       {@code --cluster-rest-port} and {@code --job-jar} the job runs on that local Flink cluster instead.
 *       Over the same time, the CPU each process of {@code --cpu-pids} (name=pid,...) and the whole
 *       machine spent, per event ({@link ProcessCpu}).</li>
 *   <li>{@code freshness}: the job on a MiniCluster reads fw.events while {@link GatewayLoad} sends
 *       events to the running gateway at a fixed rate; issue rows are polled, and each event's freshness
 *       is computed by {@link FreshnessSamples} from its receive time (ClickHouse events) and the rows'
 *       {@code updated_at}.</li>
 * </ul>
 * Prints one JSON line with the results (also appended to {@code --json-out}).
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> THROUGHPUT_ARGS = List.of("topic", "records", "projects", "project-base",
            "templates", "mix", "checkpoint-dir", "timeout-seconds", "json-out", "cluster-rest-port", "job-jar",
            "cpu-pids", "warmup-percent");
    private static final List<String> FRESHNESS_ARGS = List.of("url", "project", "key", "rate", "duration", "warmup",
            "connections", "mix", "checkpoint-dir", "timeout-seconds", "json-out");
    private static final Duration POLL = Duration.ofMillis(100);
    /** Events through the floor's graph; its operators run in this JVM's MiniCluster. */
    private static final AtomicLong FLOOR_COUNT = new AtomicLong();

    private final ServiceAddresses services = ServiceAddresses.fromEnv();
    private final PipelineConfig config;
    /** Where the job runs: the bench JVM's embedded MiniCluster, or a Flink cluster given with its job jar. */
    private final Supplier<StreamExecutionEnvironment> flink;

    private PipelineBenchmark(PipelineConfig config, Supplier<StreamExecutionEnvironment> flink) {
        this.config = config;
        this.flink = flink;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("throughput", "freshness").contains(args[0])) {
            System.err.println("usage: PipelineBenchmark throughput|freshness --name value ...");
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        boolean throughput = args[0].equals("throughput");
        BenchArgs values = BenchArgs.parse(rest, throughput ? THROUGHPUT_ARGS : FRESHNESS_ARGS);
        String group = "fw-bench-pipeline-" + System.currentTimeMillis();
        // The job's own defaults (RocksDB, incremental exactly-once checkpoints every 5 s, parallelism 2).
        PipelineConfig config = PipelineConfig.fromArgs(new String[] {"--group-id", group,
                "--checkpoint-dir", values.get("checkpoint-dir", ".faultwatch/bench/checkpoints")}, System.getenv());
        String clusterPort = values.get("cluster-rest-port");
        String jobJar = values.get("job-jar");
        if ((clusterPort == null) != (jobJar == null)) {
            throw new IllegalArgumentException("--cluster-rest-port and --job-jar go together");
        }
        // On a cluster the graph built here runs from the shaded job jar, as a deployed job does.
        Supplier<StreamExecutionEnvironment> flink = clusterPort == null
                ? () -> StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration())
                : () -> StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
                        values.intArg("cluster-rest-port", 8081, 1, 65535), config.flinkConfiguration(), jobJar);
        PipelineBenchmark bench = new PipelineBenchmark(config, flink);
        int timeout = values.intArg("timeout-seconds", 600, 10, 3600);
        ObjectNode result = throughput ? bench.throughput(values, timeout) : bench.freshness(values, timeout);
        String line = JSON.writeValueAsString(result);
        System.out.println(line);
        if (values.get("json-out") != null) {
            Files.writeString(Path.of(values.get("json-out")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        // The MiniCluster's threads would keep the JVM alive.
        System.exit(0);
    }

    // ---- throughput -------------------------------------------------------------------------------

    private ObjectNode throughput(BenchArgs values, int timeoutSeconds) throws Exception {
        String topic = values.get("topic");
        int records = values.intArg("records", 300_000, 1_000, 5_000_000);
        int projects = values.intArg("projects", 8, 1, 1_000);
        long projectBase = values.longArg("project-base", 0);
        if (topic == null || !topic.startsWith("fw.bench-") || projectBase <= 0) {
            throw new IllegalArgumentException("--topic fw.bench-... and --project-base are required");
        }
        List<byte[]> canonical = BaselineRecords.records(values.intArg("templates", 2_000, 1, 100_000), projectBase,
                values.get("mix", "java=50,node=30,python=20"));
        List<CanonicalRecordStamper> stampers = canonical.stream().map(CanonicalRecordStamper::new).toList();

        int partitions = eventsPartitions();
        createTopic(topic, partitions);
        long prefillStart = System.nanoTime();
        long bytes = prefill(topic, records, projects, projectBase, stampers);
        double prefillSeconds = (System.nanoTime() - prefillStart) / 1e9;

        List<Double> baselines = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            baselines.add(consumeAndParse(topic, records));
        }

        ObjectNode result = JSON.createObjectNode();
        result.put("records", records);
        result.put("avg_record_bytes", bytes / records);
        result.put("partitions", partitions);
        result.put("projects", projects);
        result.put("prefill_per_s", Math.round(records / prefillSeconds));
        result.putPOJO("baseline_per_s_runs", baselines.stream().map(Math::round).toList());
        result.put("baseline_per_s", Math.round(baselines.stream().mapToDouble(d -> d).max().orElseThrow()));
        result.put("parallelism", config.parallelism());
        result.put("checkpoint_interval_ms", config.checkpointInterval().toMillis());

        PipelineEndpoints real = PipelineConnectors.endpoints(config, OffsetsInitializer.latest(),
                OffsetsInitializer.latest(), OffsetsInitializer.latest());
        PipelineEndpoints endpoints =
                real.withEvents(PipelineConnectors.bytesSource(config, topic, OffsetsInitializer.earliest()));
        Map<String, Long> cpuPids = ProcessCpu.parse(values.get("cpu-pids", "bench=self"));
        // The rate of a running job, not of a cold one: until the JIT has compiled the operators' paths, it
        // takes a third of the job's CPU (measured per thread on 200,000 events), which a job running for
        // days never pays again. The first events counted are the warm-up; the rate is over the rest.
        long warmupEvents = (long) records * values.intArg("warmup-percent", 25, 0, 90) / 100;
        result.put("warmup_events", warmupEvents);
        if (values.get("cluster-rest-port") == null) {
            ObjectNode floor = result.putObject("floor");
            FLOOR_COUNT.set(0);
            JobClient floorJob = startFloor(topic);
            try {
                measure(FLOOR_COUNT::get, records, warmupEvents, timeoutSeconds, cpuPids, floor);
            } finally {
                stop(floorJob);
            }
            floor.put("ratio", Math.round(100.0 * floor.get("per_s").asDouble()
                    / result.get("baseline_per_s").asDouble()) / 100.0);
        }
        String projectsCondition = "project_id BETWEEN " + projectBase + " AND " + (projectBase + projects - 1);
        JobClient job = startJob(endpoints);
        try {
            ObjectNode pipeline = JSON.createObjectNode();
            measure(() -> timesSeen(projectsCondition), records, warmupEvents, timeoutSeconds, cpuPids, pipeline);
            result.set("cpu_us_per_event", pipeline.get("cpu_us_per_event"));
            result.put("pipeline_seconds", pipeline.get("seconds").asDouble());
            result.put("pipeline_per_s", pipeline.get("per_s").asLong());
            result.put("counted", pipeline.get("counted").asLong());
        } finally {
            stop(job);
        }
        result.put("ratio", Math.round(100.0 * result.get("pipeline_per_s").asDouble()
                / result.get("baseline_per_s").asDouble()) / 100.0);
        return result;
    }

    /** Counts an event source can read: PostgreSQL's sum, or the floor's counter. */
    private interface Count {
        long get() throws Exception;
    }

    /**
     * Polls {@code count} until it reaches {@code records}; puts into {@code into} the rate from the first
     * poll past {@code warmupEvents} to the last, and each process's CPU per event over the same time.
     */
    private static void measure(Count count, int records, long warmupEvents, int timeoutSeconds,
                                Map<String, Long> cpuPids, ObjectNode into) throws Exception {
        Map<String, Double> cpuAtFirst = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long firstCount = 0;
        long firstAt = 0;
        long counted = 0;
        long progressAt = System.nanoTime();
        while (counted < records) {
            // A job that fails restarts for ever: no progress for a minute ends the run.
            if (System.nanoTime() > deadline || System.nanoTime() - progressAt > TimeUnit.MINUTES.toNanos(1)) {
                throw new TimeoutException("the job counted " + counted + " of " + records + " events in time");
            }
            Thread.sleep(POLL.toMillis());
            long now = count.get();
            if (now > counted) {
                progressAt = System.nanoTime();
            }
            counted = now;
            if (firstAt == 0 && counted > warmupEvents) {
                firstAt = System.nanoTime();
                firstCount = counted;
                cpuAtFirst = ProcessCpu.seconds(cpuPids);
            }
        }
        double seconds = (System.nanoTime() - firstAt) / 1e9;
        Map<String, Double> cpuAtEnd = ProcessCpu.seconds(cpuPids);
        ObjectNode cpu = into.putObject("cpu_us_per_event");
        for (Map.Entry<String, Double> process : cpuAtEnd.entrySet()) {
            double spent = process.getValue() - cpuAtFirst.get(process.getKey());
            cpu.put(process.getKey(), Math.round(spent * 1e6 / (records - firstCount)));
        }
        into.put("seconds", Math.round(seconds * 10) / 10.0);
        into.put("per_s", Math.round((records - firstCount) / seconds));
        into.put("counted", counted);
    }

    /**
     * The floor: what Flink costs an event before the job's own work, on the same topic, settings and
     * parallelism. Kafka source, the baseline's {@link EventJson} parse, the record crossing one keyed
     * shuffle (by project, as to deduplication) as its bytes, and a count after it; checkpoints as the
     * job's, no state of its own and no sinks. The counter is this JVM's, so the floor runs on the
     * embedded MiniCluster only.
     */
    private JobClient startFloor(String topic) throws Exception {
        StreamExecutionEnvironment env = flink.get();
        env.fromSource(PipelineConnectors.bytesSource(config, topic, OffsetsInitializer.earliest()),
                        WatermarkStrategy.noWatermarks(), "floor source")
                .map(bytes -> Tuple2.of(EventJson.fromBytes(bytes).projectId(), bytes))
                .returns(Types.TUPLE(Types.LONG, Types.PRIMITIVE_ARRAY(Types.BYTE)))
                .name("parse")
                .keyBy(projectAndBytes -> projectAndBytes.f0, Types.LONG)
                .map(projectAndBytes -> FLOOR_COUNT.incrementAndGet())
                .name("count")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        return running(env.executeAsync("faultwatch-pipeline-floor"));
    }

    private int eventsPartitions() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.EVENTS).partitions().size();
        }
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap()));
    }

    /** Keyed by project id, as the gateway writes fw.events; returns the bytes written. */
    private long prefill(String topic, int records, int projects, long projectBase,
                         List<CanonicalRecordStamper> stampers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(5);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                long project = projectBase + i % projects;
                byte[] record = stampers.get(i % stampers.size()).stamp(random, project, System.currentTimeMillis());
                bytes += record.length;
                producer.send(new ProducerRecord<>(topic,
                        Long.toString(project).getBytes(StandardCharsets.US_ASCII), record));
            }
            producer.flush();
        }
        return bytes;
    }

    /** The baseline: records/s of reading the topic from its start and parsing every record. */
    private double consumeAndParse(String topic, int records) throws Exception {
        int threads = config.parallelism();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < eventsPartitions(); p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Long>> parsed = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<TopicPartition> mine = new ArrayList<>();
                for (int p = t; p < partitions.size(); p += threads) {
                    mine.add(partitions.get(p));
                }
                parsed.add(pool.submit(() -> consumeAndParse(mine)));
            }
            long total = 0;
            for (Future<Long> count : parsed) {
                total += count.get(10, TimeUnit.MINUTES);
            }
            if (total != records) {
                throw new IllegalStateException("the baseline parsed " + total + " records, expected " + records);
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private long consumeAndParse(List<TopicPartition> partitions) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long parsed = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (EventJson.fromBytes(record.value()).projectId() > 0) {
                        parsed++;
                    }
                }
            }
            return parsed;
        }
    }

    // ---- freshness --------------------------------------------------------------------------------

    private ObjectNode freshness(BenchArgs values, int timeoutSeconds) throws Exception {
        long project = values.longArg("project", 0);
        int warmup = values.intArg("warmup", 10, 0, 120);
        List<String> loadArgs = new ArrayList<>(List.of("--url", values.get("url", "http://127.0.0.1:8300"),
                "--project", Long.toString(project), "--key", String.valueOf(values.get("key")),
                "--rate", values.get("rate", "2000"), "--duration", values.get("duration", "30"),
                "--warmup", Integer.toString(warmup), "--connections", values.get("connections", "16"),
                "--mix", values.get("mix", "java=50,node=30,python=20"), "--label", "freshness"));
        LoadConfig load = LoadConfig.fromArgs(loadArgs.toArray(String[]::new));

        PipelineEndpoints endpoints = PipelineConnectors.endpoints(config, OffsetsInitializer.latest(),
                OffsetsInitializer.latest(), OffsetsInitializer.latest());
        JobClient job = startJob(endpoints);
        Set<FreshnessSamples.RowVersion> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> pollIssues(project, versions, polling), "issue-poller");
        ObjectNode loadResult;
        long measuredFrom;
        try {
            // Sources start at the end of the topics once they run; give them time to find it.
            Thread.sleep(5_000);
            poller.start();
            measuredFrom = System.currentTimeMillis() + warmup * 1000L;
            loadResult = GatewayLoad.run(load);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long stored = -1;
            long counted = -2;
            while (stored != counted && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                counted = timesSeen("project_id = " + project);
                stored = storedEvents(project);
            }
            if (stored != counted) {
                throw new TimeoutException("PostgreSQL counts " + counted + " events, ClickHouse stores " + stored);
            }
            Thread.sleep(3 * POLL.toMillis());
        } finally {
            polling.set(false);
            poller.join(10_000);
            stop(job);
        }
        List<FreshnessSamples.Received> received = receivedEvents(project);
        // Every event counts towards times_seen, but only those received after the warm-up are reported.
        List<Long> samples = FreshnessSamples.of(versions, received).stream()
                .filter(sample -> sample.receivedAtMs() >= measuredFrom)
                .map(FreshnessSamples.Sample::freshnessMs)
                .toList();
        ObjectNode result = JSON.createObjectNode();
        result.set("load", loadResult);
        result.put("events", received.size());
        result.put("issues", received.stream().map(FreshnessSamples.Received::issue).distinct().count());
        result.put("row_versions_seen", versions.size());
        result.put("samples", samples.size());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            result.put("freshness_ms_p" + (p == 99.9 ? "99_9" : Integer.toString((int) p)),
                    FreshnessSamples.percentile(samples, p));
        }
        result.put("freshness_ms_max", FreshnessSamples.percentile(samples, 100));
        return result;
    }

    private void pollIssues(long project, Set<FreshnessSamples.RowVersion> versions, AtomicBoolean polling) {
        try (Connection pg = postgres(); PreparedStatement query = pg.prepareStatement(
                "SELECT fingerprint, times_seen, (extract(epoch FROM updated_at) * 1000)::bigint FROM issues"
                        + " WHERE project_id = ?")) {
            query.setLong(1, project);
            while (polling.get()) {
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        versions.add(new FreshnessSamples.RowVersion(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (Exception e) {
            throw new IllegalStateException("polling PostgreSQL failed", e);
        }
    }

    private List<FreshnessSamples.Received> receivedEvents(long project) throws Exception {
        List<FreshnessSamples.Received> events = new ArrayList<>();
        for (JsonNode row : clickhouse("SELECT fingerprint, received_at_ms FROM " + services.clickhouseDatabase()
                + ".events FINAL WHERE project_id = " + project)) {
            events.add(new FreshnessSamples.Received(row.get("fingerprint").asText(), row.get("received_at_ms").asLong()));
        }
        return events;
    }

    private long storedEvents(long project) throws Exception {
        return clickhouse("SELECT count() AS n FROM " + services.clickhouseDatabase() + ".events FINAL WHERE project_id = "
                + project).get(0).get("n").asLong();
    }

    // ---- shared -----------------------------------------------------------------------------------

    private JobClient startJob(PipelineEndpoints endpoints) throws Exception {
        StreamExecutionEnvironment env = flink.get();
        ErrorPipelineJob.build(env, endpoints, config);
        return running(env.executeAsync("faultwatch-pipeline-bench"));
    }

    private static JobClient running(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the job did not run within 60 s");
            }
            Thread.sleep(100);
        }
        return job;
    }

    /**
     * Cancels the job and waits until it has ended. The cancel's answer comes while the tasks are still
     * closing their state; exiting the JVM then ran Flink's shutdown hooks alongside them, and once
     * (2026-11-23, after a 1,000,000-event run) the JVM hung in its exit for ten minutes.
     */
    private static void stop(JobClient job) throws Exception {
        job.cancel().get(60, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // A cancelled job's result is this failure; it comes once every task has ended.
        }
    }

    private long timesSeen(String condition) throws Exception {
        try (Connection pg = postgres(); PreparedStatement query = pg.prepareStatement(
                "SELECT coalesce(sum(times_seen), 0) FROM issues WHERE " + condition);
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private Connection postgres() throws Exception {
        return DriverManager.getConnection(services.postgresJdbcUrl(), services.postgresUser(),
                services.postgresPassword());
    }

    private List<JsonNode> clickhouse(String sql) throws Exception {
        try (Client client = ClickHouseClients.builder(services).build();
             QueryResponse response = client.query(sql + " FORMAT JSONEachRow").get(60, TimeUnit.SECONDS)) {
            return ClickHouseClients.jsonEachRow(response);
        }
    }
}
