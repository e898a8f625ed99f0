package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
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
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.toMap()).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.dir", "file:///tmp/cp");
    }
}
