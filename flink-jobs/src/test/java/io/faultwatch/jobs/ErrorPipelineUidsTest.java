package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;
import org.junit.jupiter.api.Test;

/**
 * A savepoint maps onto the job by operator uid: every operator, source and sink has one, and they
 * are pinned here, so renaming one (which orphans its state on upgrade) is a visible change.
 */
class ErrorPipelineUidsTest {

    @Test
    void everyOperatorSourceAndSinkHasItsStableUid() {
        PipelineConfig config = PipelineConfig.fromEnv(Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        ErrorPipelineJob.build(env, PipelineConnectors.endpoints(config), config);

        Set<Transformation<?>> all = new java.util.HashSet<>();
        env.getTransformations().forEach(t -> all.addAll(t.getTransitivePredecessors()));
        Set<String> uids = new TreeSet<>();
        for (Transformation<?> transformation : all) {
            // Partitioning, side outputs and unions are routing, not operators: they hold no state.
            if (transformation instanceof PartitionTransformation || transformation instanceof SideOutputTransformation
                    || transformation instanceof UnionTransformation) {
                continue;
            }
            assertThat(transformation.getUid()).as("the uid of %s", transformation.getName()).isNotNull();
            uids.add(transformation.getUid());
        }

        assertThat(uids).containsExactlyInAnyOrder(
                "events-source", "parse-events", "drop-duplicate-events", "sessions-source", "parse-sessions",
                "issue-commands-source", "parse-issue-commands", "dead-letter-sink", "event-rows-sink",
                "receive-time-watermarks", "combine-issue-events", "issue-tracker", "issues-sink", "issue-events-sink",
                "event-metrics", "error-metrics-recount-too-late", "error-metrics-combine-minutes", "error-metrics-minutes",
                "error-metrics-running-totals", "error-metrics-sink", "session-receive-time-watermarks", "count-sessions",
                "session-metrics-recount-too-late", "session-metrics-combine-minutes", "session-metrics-minutes",
                "session-metrics-running-totals", "session-metrics-sink", "alert-signals-events", "alert-signals-lifecycle", "alert-signals-sessions",
                "route-alert-signals", "evaluate-alerts", "alert-notifications-sink");
    }
}
