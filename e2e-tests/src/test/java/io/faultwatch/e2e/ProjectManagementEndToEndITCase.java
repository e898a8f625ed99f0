package io.faultwatch.e2e;

import static io.faultwatch.e2e.RunningStack.baseEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects, keys and settings managed through the query API take effect in the gateway within its key
 * refresh (1 s here, at most 30 s in production): a new project's DSN is accepted, a disabled or rotated
 * key is refused, its replacement accepted, and a rate limit set through the API applies.
 */
class ProjectManagementEndToEndITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = RunningStack.miniCluster();
    /** Twice the stack's refresh interval, plus slack for a loaded machine. */
    private static final Duration WITHIN_REFRESH = Duration.ofSeconds(5);

    @TempDir
    Path checkpoints;

    private RunningStack stack;

    @AfterEach
    void stopEverything() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void keysAndSettingsChangedThroughTheApiApplyInTheGateway() throws Exception {
        stack = RunningStack.start(checkpoints);
        String organization = stack.api() + "/api/v1/organizations/" + organizationId();

        JsonNode project = json(stack.callApi("POST", organization + "/projects", "{\"name\":\"Checkout\"}"), 201);
        long projectId = project.get("id").asLong();
        URI dsn = URI.create(project.get("dsn").asText());
        assertThat(dsn.getPath()).isEqualTo("/" + projectId);
        assertThat(dsn.getPort()).isEqualTo(stack.gatewayPort());
        String first = dsn.getUserInfo();
        assertThat(statusWithin(projectId, first, 200)).as("the new project's DSN").isEqualTo(200);

        String keys = stack.api() + "/api/v1/projects/" + projectId + "/keys";
        String second = json(stack.callApi("POST", keys, null), 201).get("public_key").asText();
        assertThat(statusWithin(projectId, second, 200)).as("a second key").isEqualTo(200);

        json(stack.callApi("PUT", keys + "/" + first, "{\"active\":false}"), 200);
        assertThat(statusWithin(projectId, first, 403)).as("the disabled key").isEqualTo(403);

        String third = json(stack.callApi("POST", keys + "/" + second + "/rotate", null), 201).get("public_key").asText();
        assertThat(statusWithin(projectId, second, 403)).as("the rotated key").isEqualTo(403);
        assertThat(statusWithin(projectId, third, 200)).as("its replacement").isEqualTo(200);

        json(stack.callApi("PUT", stack.api() + "/api/v1/projects/" + projectId + "/settings",
                "{\"rate_limit_per_minute\":1}"), 200);
        assertThat(statusWithin(projectId, third, 429)).as("the rate limit set through the API").isEqualTo(429);
    }

    private long organizationId() throws Exception {
        return json(stack.callApi("GET", stack.api() + "/api/v1/organizations", null), 200)
                .get("data").get(0).get("id").asLong();
    }

    /** Sends events until the gateway answers {@code expected}, for at most {@link #WITHIN_REFRESH}. */
    private int statusWithin(long projectId, String key, int expected) throws Exception {
        long deadline = System.nanoTime() + WITHIN_REFRESH.toNanos();
        int status = send(projectId, key);
        while (status != expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            status = send(projectId, key);
        }
        return status;
    }

    private int send(long projectId, String key) throws Exception {
        return stack.post(stack.storeUrl(projectId, key), baseEvent("error").put("message", "checkout failed").toString())
                .statusCode();
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return RunningStack.JSON.readTree(response.body());
    }
}
