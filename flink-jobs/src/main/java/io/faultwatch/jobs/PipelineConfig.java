package io.faultwatch.jobs;

import io.faultwatch.model.ServiceAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Everything {@link ErrorPipelineJob} is configured with, read once. Command-line options
 * ({@code --group-id x}) win over environment variables, which win over the defaults. Service
 * addresses come from {@link ServiceAddresses}, the one place every app and test reads them.
 *
 * @param checkpointDir a URI or a local path; a relative path is resolved against the working directory
 * @param issueRetention how long the state of an issue that gets no events is kept
 */
public record PipelineConfig(
        ServiceAddresses services,
        String groupId,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        Duration issueRetention) {

    static final String DEFAULT_GROUP_ID = "faultwatch-error-pipeline";
    static final String DEFAULT_CHECKPOINT_DIR = ".faultwatch/checkpoints";

    /** Option name, environment variable, default. */
    private enum Option {
        GROUP_ID("group-id", "FW_JOB_GROUP_ID", DEFAULT_GROUP_ID),
        CHECKPOINT_DIR("checkpoint-dir", "FW_CHECKPOINT_DIR", DEFAULT_CHECKPOINT_DIR),
        CHECKPOINT_INTERVAL_MS("checkpoint-interval-ms", "FW_CHECKPOINT_INTERVAL_MS", "5000"),
        PARALLELISM("parallelism", "FW_JOB_PARALLELISM", "2"),
        ISSUE_RETENTION_DAYS("issue-retention-days", "FW_ISSUE_RETENTION_DAYS", "90");

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
        if (issueRetention.isNegative() || issueRetention.isZero()) {
            throw new IllegalArgumentException("the issue retention must be positive, got " + issueRetention);
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
        return new PipelineConfig(
                ServiceAddresses.fromEnv(env),
                values.get(Option.GROUP_ID).trim(),
                values.get(Option.CHECKPOINT_DIR).trim(),
                Duration.ofMillis(parseLong(Option.CHECKPOINT_INTERVAL_MS, values)),
                (int) parseLong(Option.PARALLELISM, values),
                Duration.ofDays(parseLong(Option.ISSUE_RETENTION_DAYS, values)));
    }

    /** The checkpoint directory as the URI Flink expects. */
    public String checkpointUri() {
        if (checkpointDir.contains("://") || checkpointDir.startsWith("file:")) {
            return checkpointDir;
        }
        return Path.of(checkpointDir).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * RocksDB state with incremental, exactly-once checkpoints, and no Kryo. Flink 2 configures the state
     * backend only through these options (there is no {@code env.setStateBackend}).
     */
    public Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // A type Flink cannot serialize as a POJO would silently fall back to Kryo, which is slow,
        // cannot evolve state, and on JDK 17 needs --add-opens flags: fail at job build instead.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
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
                    .append(", default ").append(option.defaultValue).append(')');
        }
        return usage.toString();
    }
}
