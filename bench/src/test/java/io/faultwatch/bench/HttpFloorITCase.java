package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.testing.LocalServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The ingest benchmark's floor against the real broker: every body it answers is in Kafka as sent. */
class HttpFloorITCase {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersEachBodyAsTheGatewayWouldOnceKafkaHoldsIt() throws Exception {
        String topic = "fw.test-floor-" + LocalServices.randomProjectId();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalServices.ADDRESSES.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                int port = freePort();
                List<String> bodies = List.of("{\"event_id\":\"a\"}", "second body", "third");
                try (HttpFloor floor = HttpFloor.start(port, LocalServices.ADDRESSES.kafkaBootstrap(), topic)) {
                    for (String body : bodies) {
                        HttpResponse<String> response = post(port, body);
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).isEqualTo(HttpFloor.ANSWER.toString());
                    }
                    assertThat(floor.answered()).isEqualTo(3);
                }
                var records = LocalServices.awaitRecords(topic, Map.of(new TopicPartition(topic, 0), 0L), 3,
                        Duration.ofSeconds(5), r -> new String(r.value(), StandardCharsets.UTF_8));
                // Acknowledged before the answer, so all are there when the last answer came, in the order sent.
                assertThat(records.keySet()).containsExactlyElementsOf(bodies);
            } finally {
                admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withoutATopicItAnswersWithoutKafka() throws Exception {
        int port = freePort();
        try (HttpFloor floor = HttpFloor.start(port, null, null)) {
            HttpResponse<String> response = post(port, "body");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"id\":\"00000000000000000000000000000000\"}");
            assertThat(floor.answered()).isEqualTo(1);
        }
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/1/envelope/"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
