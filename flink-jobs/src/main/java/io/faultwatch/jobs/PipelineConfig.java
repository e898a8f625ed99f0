package io.faultwatch.jobs;

import io.faultwatch.model.ServiceAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * Everything {@link ErrorPipelineJob} is configured with, read once. Command-line options
 * ({@code --group-id x}) win over environment variables, which win over the defaults. Service
 * addresses come from {@link ServiceAddresses}, the one place every app and test reads them.
 *
 * @param checkpointDir a URI or a local path; a relative path is resolved against the working directory
 * @param issueRetention how long the state of an issue that gets no events is kept
 * @param dedupTtl how long an event id is remembered: a duplicate arriving later counts again
 * @param checkpointTimeout a checkpoint taking longer is aborted (and counts as a failure)
 * @param minPauseBetweenCheckpoints the least time between the end of one checkpoint and the start of the next
 * @param tolerableCheckpointFailures consecutive failed checkpoints tolerated before the job restarts
 * @param restartInitialBackoff the wait before the first restart after a failure; it doubles on each
 *                              further failure, up to {@code restartMaxBackoff}
 * @param transactionalIdPrefix prefixes the Kafka transactional ids of the exactly-once sinks; must be
 *                              unique per job on a Kafka cluster, or two jobs fence each other
 * @param kafkaTransactionTimeout Kafka aborts a transaction of the sinks left open this long; must exceed
 *                                the checkpoint interval plus timeout, and not exceed the broker's
 *                                {@code transaction.max.timeout.ms} (15 min by default)
 * @param restoreFrom a retained checkpoint or a savepoint (path or URI) to start from; blank: start
 *                    without state
 */
public record PipelineConfig(
        ServiceAddresses services,
        String groupId,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        Duration issueRetention,
        Duration dedupTtl,
        Duration checkpointTimeout,
        Duration minPauseBetweenCheckpoints,
        int tolerableCheckpointFailures,
        Duration restartInitialBackoff,
        Duration restartMaxBackoff,
        String transactionalIdPrefix,
        Duration kafkaTransactionTimeout,
        String restoreFrom) {

    static final String DEFAULT_GROUP_ID = "faultwatch-error-pipeline";
    static final String DEFAULT_CHECKPOINT_DIR = ".faultwatch/checkpoints";
    static final double RESTART_BACKOFF_MULTIPLIER = 2.0;
    /** A job that ran this long without failing starts over at the initial backoff. */
    static final Duration RESTART_BACKOFF_RESET_AFTER = Duration.ofHours(1);

    /** Option name, environment variable, default. */
    private enum Option {
        GROUP_ID("group-id", "FW_JOB_GROUP_ID", DEFAULT_GROUP_ID),
        CHECKPOINT_DIR("checkpoint-dir", "FW_CHECKPOINT_DIR", DEFAULT_CHECKPOINT_DIR),
        CHECKPOINT_INTERVAL_MS("checkpoint-interval-ms", "FW_CHECKPOINT_INTERVAL_MS", "5000"),
        PARALLELISM("parallelism", "FW_JOB_PARALLELISM", "2"),
        ISSUE_RETENTION_DAYS("issue-retention-days", "FW_ISSUE_RETENTION_DAYS", "90"),
        DEDUP_TTL_HOURS("dedup-ttl-hours", "FW_DEDUP_TTL_HOURS", "24"),
        CHECKPOINT_TIMEOUT_MS("checkpoint-timeout-ms", "FW_CHECKPOINT_TIMEOUT_MS", "120000"),
        CHECKPOINT_MIN_PAUSE_MS("checkpoint-min-pause-ms", "FW_CHECKPOINT_MIN_PAUSE_MS", "1000"),
        TOLERABLE_CHECKPOINT_FAILURES("tolerable-checkpoint-failures", "FW_TOLERABLE_CHECKPOINT_FAILURES", "3"),
        RESTART_INITIAL_BACKOFF_MS("restart-initial-backoff-ms", "FW_RESTART_INITIAL_BACKOFF_MS", "1000"),
        RESTART_MAX_BACKOFF_MS("restart-max-backoff-ms", "FW_RESTART_MAX_BACKOFF_MS", "60000"),
        /** Blank: the group id, which is already unique per job. */
        TRANSACTIONAL_ID_PREFIX("transactional-id-prefix", "FW_TRANSACTIONAL_ID_PREFIX", ""),
        KAFKA_TRANSACTION_TIMEOUT_MS("kafka-transaction-timeout-ms", "FW_KAFKA_TRANSACTION_TIMEOUT_MS", "600000"),
        /** Blank: no state to restore. */
        RESTORE_FROM("restore-from", "FW_JOB_RESTORE_FROM", "");

        final String flag;
        final String envVar;
        final String defaultValue;

        Option(String flag, String envVar, String defaultValue) {
            this.flag = flag;
            this.envVar = envVar;
            this.defaultValue = defaultValue;
        }

        static Option byFlag(String flag) {
            for (Option option : values()) {
                if (("--" + option.flag).equals(flag)) {
                    return option;
                }
            }
            throw new IllegalArgumentException("unknown option " + flag + "; " + usage());
        }
    }

    public PipelineConfig {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("the Kafka consumer group id must not be blank");
        }
        if (checkpointDir == null || checkpointDir.isBlank()) {
            throw new IllegalArgumentException("the checkpoint directory must not be blank");
        }
        if (checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("the checkpoint interval must be at least 100 ms, got "
                    + checkpointInterval.toMillis());
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism must be at least 1, got " + parallelism);
        }
        requirePositive(issueRetention, "the issue retention");
        requirePositive(dedupTtl, "the deduplication TTL");
        requirePositive(checkpointTimeout, "the checkpoint timeout");
        if (minPauseBetweenCheckpoints.isNegative()) {
            throw new IllegalArgumentException("the minimum pause between checkpoints must not be negative, got "
                    + minPauseBetweenCheckpoints.toMillis() + " ms");
        }
        if (tolerableCheckpointFailures < 0) {
            throw new IllegalArgumentException("the tolerable checkpoint failures must not be negative, got "
                    + tolerableCheckpointFailures);
        }
        requirePositive(restartInitialBackoff, "the initial restart backoff");
        if (restartMaxBackoff.compareTo(restartInitialBackoff) < 0) {
            throw new IllegalArgumentException("the maximum restart backoff (" + restartMaxBackoff.toMillis()
                    + " ms) must not be below the initial one (" + restartInitialBackoff.toMillis() + " ms)");
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("the Kafka transactional id prefix must not be blank");
        }
        // A transaction stays open from one checkpoint to the commit after the next one.
        Duration longestTransaction = checkpointInterval.plus(checkpointTimeout);
        if (kafkaTransactionTimeout.compareTo(longestTransaction) <= 0) {
            throw new IllegalArgumentException("the Kafka transaction timeout (" + kafkaTransactionTimeout.toMillis()
                    + " ms) must exceed the checkpoint interval plus the checkpoint timeout ("
                    + longestTransaction.toMillis() + " ms), or Kafka aborts transactions before they commit");
        }
    }

    private static void requirePositive(Duration value, String what) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    public static PipelineConfig fromEnv(Map<String, String> env) {
        return fromArgs(new String[0], env);
    }

    public static PipelineConfig fromArgs(String[] args, Map<String, String> env) {
        Map<Option, String> values = new HashMap<>();
        for (Option option : Option.values()) {
            values.put(option, env.getOrDefault(option.envVar, option.defaultValue));
        }
        for (int i = 0; i < args.length; i += 2) {
            Option option = Option.byFlag(args[i]);
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + usage());
            }
            values.put(option, args[i + 1]);
        }
        String groupId = values.get(Option.GROUP_ID).trim();
        String transactionalIdPrefix = values.get(Option.TRANSACTIONAL_ID_PREFIX).trim();
        return new PipelineConfig(
                ServiceAddresses.fromEnv(env),
                groupId,
                values.get(Option.CHECKPOINT_DIR).trim(),
                millis(Option.CHECKPOINT_INTERVAL_MS, values),
                (int) parseLong(Option.PARALLELISM, values),
                Duration.ofDays(parseLong(Option.ISSUE_RETENTION_DAYS, values)),
                Duration.ofHours(parseLong(Option.DEDUP_TTL_HOURS, values)),
                millis(Option.CHECKPOINT_TIMEOUT_MS, values),
                millis(Option.CHECKPOINT_MIN_PAUSE_MS, values),
                (int) parseLong(Option.TOLERABLE_CHECKPOINT_FAILURES, values),
                millis(Option.RESTART_INITIAL_BACKOFF_MS, values),
                millis(Option.RESTART_MAX_BACKOFF_MS, values),
                transactionalIdPrefix.isEmpty() ? groupId : transactionalIdPrefix,
                millis(Option.KAFKA_TRANSACTION_TIMEOUT_MS, values),
                values.get(Option.RESTORE_FROM).trim());
    }

    /** The checkpoint directory as the URI Flink expects. */
    public String checkpointUri() {
        return uri(checkpointDir);
    }

    private static String uri(String pathOrUri) {
        if (pathOrUri.contains("://") || pathOrUri.startsWith("file:")) {
            return pathOrUri;
        }
        return Path.of(pathOrUri).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * RocksDB state with incremental, exactly-once checkpoints, restarts with exponential backoff, and no
     * Kryo. Flink 2 configures the state backend only through these options (there is no
     * {@code env.setStateBackend}).
     */
    public Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // Almost every event id is new, so deduplication mostly looks up keys that do not exist; without
        // a filter RocksDB searches the index and data blocks of every file for each of them (half of the
        // deduplicating thread's CPU). A full-key bloom filter (10 bits a key) answers most of them.
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // A full filter of a file with a million ids is over a megabyte; when the block cache (Flink's
        // managed memory) cannot hold every file's filter, each lookup read one back from the file (a fifth
        // of the deduplicating thread's CPU went to copying them). Partitioned, a lookup reads a few KB.
        conf.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
        // RocksDB's memory (block cache and write buffers) where the job runs embedded; a cluster's
        // TaskManagers take theirs from their own configuration (./faultwatch cluster gives them the same).
        // With the embedded default, 128 MB for all the job's state, the write buffers filled and flushed
        // early: in 1,000,000-event runs RocksDB's compactions took 3.4 µs per event and the job 54, against
        // 1.3-1.6 and 49-51 with this (2026-11-23).
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        // The metrics' combining sends what it holds ahead of every watermark (so no record is later at the
        // windows than without it); at Flink's default of 200 ms it held a fifth of a second, not half.
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, ErrorPipelineJob.COMBINE_INTERVAL);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, minPauseBetweenCheckpoints);
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerableCheckpointFailures);
        // Kept when the job is cancelled, so it can be started again from its last checkpoint.
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restartInitialBackoff);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restartMaxBackoff);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
                RESTART_BACKOFF_MULTIPLIER);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                RESTART_BACKOFF_RESET_AFTER);
        // A job that cannot reach a service keeps retrying at the maximum backoff instead of giving up.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        if (!restoreFrom.isBlank()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(restoreFrom));
        }
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // A type Flink cannot serialize as a POJO would silently fall back to Kryo, which is slow,
        // cannot evolve state, and on JDK 17 needs --add-opens flags: fail at job build instead.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Chained operators hand records on without a serializer copy (the event payload of a few KB
        // was copied on its way to the events sink). Safe because every function emits new immutable
        // records and none changes a record it received.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    private static Duration millis(Option option, Map<Option, String> values) {
        return Duration.ofMillis(parseLong(option, values));
    }

    private static long parseLong(Option option, Map<Option, String> values) {
        String value = values.get(option);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + option.flag + " (" + option.envVar + ") must be a whole number, got '" + value + "'", e);
        }
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("options:");
        for (Option option : Option.values()) {
            usage.append(" --").append(option.flag).append(" <value> (env ").append(option.envVar)
                    .append(", default ").append(option == Option.TRANSACTIONAL_ID_PREFIX ? "the group id"
                            : option.defaultValue.isEmpty() ? "none" : option.defaultValue)
                    .append(')');
        }
        return usage.toString();
    }
}
