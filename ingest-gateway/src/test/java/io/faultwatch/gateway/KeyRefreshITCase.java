package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.gateway.GatewayTestKit.TestProject;
import io.faultwatch.testing.WireSamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Keys and project settings are cached, yet a change in PostgreSQL takes effect within the refresh
 * interval without a restart (1 s here; the default is 30 s, see {@link GatewayConfigTest}).
 */
class KeyRefreshITCase {
    private static final int REFRESH_SECONDS = 1;

    @AutoClose
    private final GatewayTestKit kit = new GatewayTestKit();
    private final IngestGateway gateway = kit.startGateway(Map.of(
            "FW_GATEWAY_KEY_REFRESH_SECONDS", Integer.toString(REFRESH_SECONDS)));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDisabledKeyIsRefusedAndAReEnabledOneAcceptedWithinTheRefresh() throws Exception {
        TestProject project = kit.newProject(true);
        assertThat(send(project)).isEqualTo(200);

        kit.setKeyActive(project.key(), false);
        assertThat(statusWithinRefresh(project, 403)).isEqualTo(403);

        kit.setKeyActive(project.key(), true);
        assertThat(statusWithinRefresh(project, 200)).isEqualTo(200);
    }

    @Test
    void aKeyCreatedAfterItWasTriedIsAcceptedWithinTheRefresh() throws Exception {
        TestProject project = kit.newProject(true);
        String later = GatewayTestKit.randomKey();
        TestProject withLaterKey = new TestProject(project.id(), later);
        assertThat(send(withLaterKey)).isEqualTo(401);

        kit.newKeyNamed(later, project.id());

        assertThat(statusWithinRefresh(withLaterKey, 200)).isEqualTo(200);
    }

    @Test
    void aNewRateLimitTakesEffectWithinTheRefresh() throws Exception {
        TestProject project = kit.newProject(true);
        assertThat(send(project)).isEqualTo(200);
        assertThat(send(project)).isEqualTo(200);

        kit.setProjectSettings(project.id(), 1, true, false);
        TimeUnit.MILLISECONDS.sleep(REFRESH_SECONDS * 1000L + 200);

        assertThat(send(project)).isEqualTo(200);
        assertThat(send(project)).isEqualTo(429);
    }

    @Test
    void aNewSampleRateTakesEffectWithinTheRefresh() throws Exception {
        TestProject project = kit.newProject(true);
        assertThat(send(project)).isEqualTo(200);
        assertThat(kit.events(project.id())).hasSize(1);

        kit.setSampleRate(project.id(), 0.0);
        TimeUnit.MILLISECONDS.sleep(REFRESH_SECONDS * 1000L + 200);

        assertThat(send(project)).as("sampling is never an error to the SDK").isEqualTo(200);
        assertThat(kit.events(project.id())).hasSize(1);
    }

    /** Polls for up to twice the refresh interval: a change must show within one. */
    private int statusWithinRefresh(TestProject project, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * REFRESH_SECONDS);
        int status = send(project);
        while (status != expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            status = send(project);
        }
        return status;
    }

    private int send(TestProject project) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/"
                                + project.id() + "/envelope/?sentry_key=" + project.key()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(WireSamples.envelope("js-message"))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
