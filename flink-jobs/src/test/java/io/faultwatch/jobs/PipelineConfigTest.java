package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

class PipelineConfigTest {

    @Test
    void defaults() {
        PipelineConfig config = PipelineConfig.fromEnv(Map.of());

        assertThat(config.services().kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.services().clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(config.services().postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/faultwatch");
        assertThat(config.groupId()).isEqualTo("faultwatch-error-pipeline");
        assertThat(config.checkpointDir()).isEqualTo(".faultwatch/checkpoints");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.parallelism()).isEqualTo(2);
        assertThat(config.issueRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.dedupTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.checkpointTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.minPauseBetweenCheckpoints()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.tolerableCheckpointFailures()).isEqualTo(3);
        assertThat(config.restartInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.restartMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.transactionalIdPrefix()).as("the group id").isEqualTo("faultwatch-error-pipeline");
        assertThat(config.kafkaTransactionTimeout()).as("below the broker's default maximum of 15 min")
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(config.restoreFrom()).isEmpty();
        assertThat(config.flinkConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH))
                .as("no state to restore").isEmpty();
    }

    @Test
    void restoresFromARetainedCheckpointGivenAsPathOrUri() {
        PipelineConfig fromEnv = PipelineConfig.fromEnv(Map.of("FW_JOB_RESTORE_FROM", "/data/cp/abc/chk-7"));
        PipelineConfig fromArgs = PipelineConfig.fromArgs(
                new String[] {"--restore-from", "s3://bucket/savepoint-1"}, Map.of("FW_JOB_RESTORE_FROM", "/x"));

        assertThat(fromEnv.flinkConfiguration().get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo("file:///data/cp/abc/chk-7");
        assertThat(fromArgs.flinkConfiguration().get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo("s3://bucket/savepoint-1");
    }

    @Test
    void exactlyOnceSettingsFromEnvironmentAndArguments() {
        PipelineConfig config = PipelineConfig.fromArgs(
                new String[] {"--dedup-ttl-hours", "48", "--restart-max-backoff-ms", "30000",
                        "--transactional-id-prefix", "fw-prod-a"},
                Map.of("FW_DEDUP_TTL_HOURS", "1", "FW_CHECKPOINT_TIMEOUT_MS", "30000",
                        "FW_CHECKPOINT_MIN_PAUSE_MS", "0", "FW_TOLERABLE_CHECKPOINT_FAILURES", "5",
                        "FW_RESTART_INITIAL_BACKOFF_MS", "500", "FW_KAFKA_TRANSACTION_TIMEOUT_MS", "60000",
                        "FW_JOB_GROUP_ID", "group-b"));

        assertThat(config.dedupTtl()).isEqualTo(Duration.ofHours(48));
        assertThat(config.checkpointTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.minPauseBetweenCheckpoints()).isZero();
        assertThat(config.tolerableCheckpointFailures()).isEqualTo(5);
        assertThat(config.restartInitialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.restartMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.transactionalIdPrefix()).isEqualTo("fw-prod-a");
        assertThat(config.kafkaTransactionTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(PipelineConfig.fromEnv(Map.of("FW_JOB_GROUP_ID", "group-b")).transactionalIdPrefix())
                .isEqualTo("group-b");
    }

    @Test
    void rejectsExactlyOnceSettingsThatCannotWork() {
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_DEDUP_TTL_HOURS", "0")))
                .hasMessageContaining("deduplication TTL");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_DEDUP_TTL_HOURS", "a day")))
                .hasMessageContaining("FW_DEDUP_TTL_HOURS").hasMessageContaining("a day");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_CHECKPOINT_TIMEOUT_MS", "0")))
                .hasMessageContaining("checkpoint timeout");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_CHECKPOINT_MIN_PAUSE_MS", "-1")))
                .hasMessageContaining("minimum pause");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_TOLERABLE_CHECKPOINT_FAILURES", "-1")))
                .hasMessageContaining("tolerable checkpoint failures");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_RESTART_INITIAL_BACKOFF_MS", "0")))
                .hasMessageContaining("initial restart backoff");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_RESTART_MAX_BACKOFF_MS", "999")))
                .hasMessageContaining("maximum restart backoff (999 ms) must not be below the initial one (1000 ms)");
        assertThatThrownBy(() -> PipelineConfig.fromArgs(new String[] {"--transactional-id-prefix", " "},
                Map.of("FW_JOB_GROUP_ID", " ")))
                .hasMessageContaining("group id");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_KAFKA_TRANSACTION_TIMEOUT_MS", "125000")))
                .hasMessageContaining("Kafka transaction timeout (125000 ms) must exceed")
                .hasMessageContaining("(125000 ms)");
    }

    @Test
    void environmentOverridesDefaults() {
        PipelineConfig config = PipelineConfig.fromEnv(Map.of(
                "FW_KAFKA_BOOTSTRAP", "10.0.0.5:19092",
                "FW_JOB_GROUP_ID", "pipeline-b",
                "FW_CHECKPOINT_DIR", "/var/lib/fw/checkpoints",
                "FW_CHECKPOINT_INTERVAL_MS", "2500",
                "FW_JOB_PARALLELISM", "4",
                "FW_ISSUE_RETENTION_DAYS", "7"));

        assertThat(config.services().kafkaBootstrap()).isEqualTo("10.0.0.5:19092");
        assertThat(config.groupId()).isEqualTo("pipeline-b");
        assertThat(config.checkpointDir()).isEqualTo("/var/lib/fw/checkpoints");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.parallelism()).isEqualTo(4);
        assertThat(config.issueRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void argumentsOverrideEnvironment() {
        PipelineConfig config = PipelineConfig.fromArgs(
                new String[] {"--group-id", "from-args", "--parallelism", "1", "--checkpoint-interval-ms", "1000"},
                Map.of("FW_JOB_GROUP_ID", "from-env", "FW_JOB_PARALLELISM", "3"));

        assertThat(config.groupId()).isEqualTo("from-args");
        assertThat(config.parallelism()).isEqualTo(1);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsBadValuesWithTheirName() {
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_JOB_PARALLELISM", "two")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FW_JOB_PARALLELISM").hasMessageContaining("two");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_JOB_PARALLELISM", "0")))
                .hasMessageContaining("parallelism");
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("FW_CHECKPOINT_INTERVAL_MS", "10")))
                .hasMessageContaining("checkpoint interval");
        assertThatThrownBy(() -> PipelineConfig.fromArgs(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("unknown option --bogus").hasMessageContaining("--group-id");
        assertThatThrownBy(() -> PipelineConfig.fromArgs(new String[] {"--group-id"}, Map.of()))
                .hasMessageContaining("needs a value");
    }

    @Test
    void relativeCheckpointDirBecomesAFileUri() {
        PipelineConfig relative = PipelineConfig.fromEnv(Map.of());
        PipelineConfig remote = PipelineConfig.fromEnv(Map.of("FW_CHECKPOINT_DIR", "s3://bucket/fw"));

        assertThat(relative.checkpointUri())
                .isEqualTo(Path.of(".faultwatch/checkpoints").toAbsolutePath().normalize().toUri().toString())
                .startsWith("file:/");
        assertThat(remote.checkpointUri()).isEqualTo("s3://bucket/fw");
    }

    @Test
    void flinkConfigurationUsesIncrementalRocksDbExactlyOnceCheckpointsAndNoKryo() {
        Configuration conf = PipelineConfig.fromEnv(Map.of("FW_CHECKPOINT_DIR", "file:///tmp/cp")).flinkConfiguration();

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(conf.get(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS)).isTrue();
        assertThat(conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(MemorySize.ofMebiBytes(512));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(PipelineOptions.OBJECT_REUSE)).isTrue();
        assertThat(conf.get(PipelineOptions.AUTO_WATERMARK_INTERVAL)).as("as long as the metrics are combined")
                .isEqualTo(Duration.ofMillis(500));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(conf.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isEqualTo(Duration.ofSeconds(1));
        assertThat(conf.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(3);
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                .isEqualTo(2.0);
        assertThat(conf.toMap()).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.dir", "file:///tmp/cp");
    }
}
