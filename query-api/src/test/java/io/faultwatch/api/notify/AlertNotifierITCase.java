package io.faultwatch.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.Topics;
import io.faultwatch.testing.HttpReceiver;
import io.faultwatch.testing.LocalServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier on the real Kafka and PostgreSQL, delivering to a local HTTP receiver: each notification id
 * is delivered once however often it is written, failures are retried with backoff up to the bound, and
 * every attempt is recorded.
 */
class AlertNotifierITCase {

    private static final long PROJECT = LocalServices.randomProjectId();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpReceiver receiver;
    private static AlertNotifier notifier;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpReceiver.start();
        try (Connection pg = LocalServices.postgres()) {
            execute(pg, "INSERT INTO projects (id, slug, name) VALUES (?, ?, ?)", PROJECT, "notifier-" + PROJECT, "N");
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.ADDRESSES.kafkaBootstrap());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        // From the end of the shared topic: notifications of other runs (their rows long deleted) stay unread.
        notifier = AlertNotifier.start(NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_GROUP_ID", "it-" + UUID.randomUUID(),
                "FW_NOTIFIER_START", "latest",
                "FW_NOTIFIER_BACKOFF_MS", "20", "FW_NOTIFIER_MAX_ATTEMPTS", "3", "FW_API_PUBLIC_URL", "http://api.test")),
                LocalServices.ADDRESSES);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!notifier.isReading() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notifier.isReading()).as("the notifier reads %s", Topics.ALERTS).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        notifier.close();
        producer.close();
        receiver.close();
        try (Connection pg = LocalServices.postgres()) {
            execute(pg, "DELETE FROM alert_history WHERE project_id = ?", PROJECT);
            execute(pg, "DELETE FROM alert_rules WHERE project_id = ?", PROJECT);
            execute(pg, "DELETE FROM projects WHERE id = ?", PROJECT);
        }
    }

    @Test
    void aNotificationWrittenTwiceIsDeliveredOnce() throws Exception {
        long rule = rule("[{\"type\": \"slack\", \"target\": \"" + receiver.url("/slack/once") + "\"}]");
        AlertNotification firing = notification(rule);

        publish(firing);
        publish(firing);

        List<HttpReceiver.Request> got = receiver.await("/slack/once", 1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(JSON.readTree(got.get(0).body())).isEqualTo(NotificationFormat.slack(firing, new NotificationTarget(
                List.of(), null, "http://api.test/api/v1/projects/" + PROJECT + "/alert-history?rule=" + rule)));
        awaitStatus(firing, "delivered");
        Thread.sleep(1_000);
        assertThat(receiver.requests("/slack/once")).as("the copy was not delivered").hasSize(1);
        assertThat(attempts(firing)).containsExactly("slack 1 ok 200");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() throws Exception {
        receiver.respond("/hook/flaky", 503, 503);
        long rule = rule("[{\"type\": \"webhook\", \"target\": \"" + receiver.url("/hook/flaky") + "\"}]");
        AlertNotification firing = notification(rule);

        publish(firing);

        assertThat(receiver.await("/hook/flaky", 3, WAIT)).hasSize(3);
        awaitStatus(firing, "delivered");
        assertThat(attempts(firing)).containsExactly("webhook 1 retry 503", "webhook 2 retry 503", "webhook 3 ok 200");
    }

    @Test
    void permanentFailuresAndExhaustedRetriesAreRecordedAsFailed() throws Exception {
        receiver.respond("/hook/gone", 404);
        receiver.respond("/hook/down", 500, 500, 500);
        long rule = rule("[{\"type\": \"webhook\", \"target\": \"" + receiver.url("/hook/gone") + "\"},"
                + " {\"type\": \"webhook\", \"target\": \"" + receiver.url("/hook/down") + "\"}]");
        AlertNotification firing = notification(rule);

        publish(firing);

        awaitStatus(firing, "failed");
        assertThat(attempts(firing)).containsExactlyInAnyOrder("webhook 1 failed 404", "webhook 1 retry 500",
                "webhook 2 retry 500", "webhook 3 failed 500");
        assertThat(receiver.requests("/hook/gone")).as("a 404 is not retried").hasSize(1);
    }

    @Test
    void aNotificationOfADeletedRuleIsKeptWithoutChannels() throws Exception {
        AlertNotification orphan = notification(Long.MAX_VALUE - PROJECT % 1000);

        publish(orphan);

        awaitStatus(orphan, "no_channels");
        assertThat(attempts(orphan)).isEmpty();
    }

    private static AlertNotification notification(long rule) {
        long now = System.currentTimeMillis();
        String id = AlertNotification.id(rule, "", now, AlertNotification.State.FIRING, 0);
        return new AlertNotification(id, rule, 1, PROJECT, "rule " + rule, AlertKind.EVENT_COUNT,
                AlertNotification.State.FIRING, null, "production", null, 12, null, 10, 60, now - 5_000, now, now, now,
                0, "events");
    }

    private static void publish(AlertNotification notification) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ALERTS, notification.id(), RecordJson.toBytes(notification)))
                .get(10, TimeUnit.SECONDS);
    }

    private static long rule(String channels) throws Exception {
        try (Connection pg = LocalServices.postgres(); PreparedStatement insert = pg.prepareStatement(
                "INSERT INTO alert_rules (project_id, name, kind, window_seconds, threshold, resolve_threshold, channels)"
                        + " VALUES (?, 'notifier test', 'event_count', 60, 10, 10, ?::jsonb) RETURNING id")) {
            insert.setLong(1, PROJECT);
            insert.setString(2, channels);
            try (ResultSet ids = insert.executeQuery()) {
                ids.next();
                return ids.getLong(1);
            }
        }
    }

    private static void awaitStatus(AlertNotification notification, String status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try (Connection pg = LocalServices.postgres(); PreparedStatement select = pg.prepareStatement(
                    "SELECT status FROM alert_history WHERE notification_id = ?::uuid")) {
                select.setString(1, notification.id());
                try (ResultSet rows = select.executeQuery()) {
                    last = rows.next() ? rows.getString(1) : null;
                }
            }
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(last).as("status of notification %s", notification.id()).isEqualTo(status);
    }

    /** "channel attempt status http_status" of each recorded attempt, in order. */
    private static List<String> attempts(AlertNotification notification) throws Exception {
        List<String> attempts = new ArrayList<>();
        try (Connection pg = LocalServices.postgres(); PreparedStatement select = pg.prepareStatement(
                "SELECT channel_type, attempt, status, http_status FROM alert_deliveries"
                        + " WHERE notification_id = ?::uuid ORDER BY id")) {
            select.setString(1, notification.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(rows.getString(1) + " " + rows.getInt(2) + " " + rows.getString(3) + " "
                            + rows.getInt(4));
                }
            }
        }
        return attempts;
    }

    private static void execute(Connection pg, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
