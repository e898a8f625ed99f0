package io.faultwatch.jobs;

import com.clickhouse.client.api.Client;
import io.faultwatch.testing.LocalServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ITCases that run the whole job on a MiniCluster share: a slot per subtask, a checkpoint
 * directory, the ClickHouse client, PostgreSQL checked up front (a service that is down fails the test at
 * once, with the command that starts it), and cancelling a job until it has ended.
 */
abstract class PipelineJobITCase {

    static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    static Client clickhouse;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void connectToServices() throws Exception {
        try (Connection ignored = LocalServices.postgres()) {
            // reachable
        }
        clickhouse = LocalServices.clickhouse();
    }

    @AfterAll
    static void disconnect() {
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    /**
     * Cancels the job and waits for its end: a job still cancelling writes checkpoint files, and waiting
     * keeps them out of the temp dir's cleanup.
     */
    static void cancelAndAwaitEnd(JobClient job, Duration timeout) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
