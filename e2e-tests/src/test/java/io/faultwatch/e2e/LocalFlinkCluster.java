package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local Flink standalone cluster of {@code ./faultwatch cluster}, driven the way a user drives it:
 * through the repository's commands, the REST API of its JobManager, and the PID file of its
 * TaskManager process.
 */
final class LocalFlinkCluster {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JOB_JAR = ROOT.resolve("flink-jobs/target/flink-jobs-0.1.0-SNAPSHOT-job.jar");
    private static final Path TASK_MANAGER_PID = ROOT.resolve(".faultwatch/run/flink-taskmanager.pid");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String rest = "http://127.0.0.1:" + System.getenv().getOrDefault("FW_FLINK_REST_PORT", "8081");

    /** Runs {@code ./faultwatch ARGS} with the deploy commands pointed at the jar this build made. */
    CommandResult faultwatch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("faultwatch").toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("faultwatch-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(stdout.toFile());
            builder.environment().put("FW_JOB_JAR", JOB_JAR.toString());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./faultwatch " + String.join(" ", args) + " did not end within "
                        + COMMAND_TIMEOUT + ":\n" + Files.readString(stdout));
            }
            return new CommandResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** Runs the command and fails the test with its output unless it succeeds; returns its last line. */
    String succeed(String... args) throws IOException, InterruptedException {
        CommandResult result = faultwatch(args);
        assertThat(result.exitCode()).as("./faultwatch %s:%n%s", String.join(" ", args), result.output()).isZero();
        List<String> lines = result.output().lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rest + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the Flink REST API at " + rest + " did not answer GET " + path, e);
        }
    }

    /** Jobs that hold slots: the cluster has only enough for one pipeline. */
    List<String> unfinishedJobs() {
        List<String> jobs = new ArrayList<>();
        get("/jobs/overview").get("jobs").forEach(job -> {
            if (!List.of("FINISHED", "CANCELED", "FAILED").contains(job.get("state").asText())) {
                jobs.add(job.get("jid").asText() + " (" + job.get("name").asText() + ", " + job.get("state").asText() + ")");
            }
        });
        return jobs;
    }

    String state(String job) {
        return get("/jobs/" + job + "/status").get("status").asText();
    }

    long completedCheckpoints(String job) {
        return get("/jobs/" + job + "/checkpoints").get("counts").get("completed").asLong();
    }

    /** The failures the job recovered from (e.g. a lost TaskManager), from its exception history. */
    int failures(String job) {
        return get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** Waits for {@code more} checkpoints of the job to complete, with every task running. */
    void awaitCheckpoints(String job, int more, Duration timeout) throws InterruptedException {
        long target = completedCheckpoints(job) + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completedCheckpoints(job) < target) {
            assertThat(System.nanoTime()).as("%d more checkpoints of job %s within %s (state %s)",
                    more, job, timeout, state(job)).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Kills the TaskManager process as an OOM killer or a lost machine would: no shutdown, no cleanup. */
    long killTaskManager() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(TASK_MANAGER_PID).strip());
        ProcessHandle taskManager = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("the TaskManager (pid " + pid + ") is not running"));
        taskManager.destroyForcibly();
        try {
            taskManager.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the TaskManager (pid " + pid + ") did not die within 30 s", e);
        }
        return pid;
    }

    void cancel(String job) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rest + "/jobs/" + job + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("cancelling job %s: %s", job, response.body()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!state(job).equals("CANCELED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    record CommandResult(int exitCode, String output) {}
}
