package io.faultwatch.api.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The notifier's PostgreSQL: {@code alert_history} decides which notifications are new (its primary key is
 * the notification id, so a copy written again by the job changes nothing), and records every attempt in
 * {@code alert_deliveries}. Plain JDBC on the notifier's own threads; each call takes its own connection.
 */
final class NotificationLedger {

    private static final String INSERT = "INSERT INTO alert_history (notification_id, rule_id, project_id, state,"
            + " fingerprint, payload, triggered_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)"
            + " ON CONFLICT (notification_id) DO NOTHING";
    private static final String RULE_CHANNELS = "SELECT channels::text FROM alert_rules WHERE id = ?";
    private static final String ISSUE_ID = "SELECT id FROM issues WHERE project_id = ? AND fingerprint = ?";
    private static final String ATTEMPT = "INSERT INTO alert_deliveries (notification_id, channel_type, target,"
            + " attempt, status, http_status, error, sent_at, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FINISH = "UPDATE alert_history SET status = ?, finished_at = now()"
            + " WHERE notification_id = ?";
    /** Takes over deliveries a crash left pending: the newest received time marks them as taken. */
    private static final String CLAIM_STALE = "UPDATE alert_history SET received_at = now() WHERE notification_id IN"
            + " (SELECT notification_id FROM alert_history WHERE status = 'pending' AND received_at < ?"
            + " ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING payload::text";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceAddresses services;

    NotificationLedger(ServiceAddresses services) {
        this.services = services;
    }

    /** Records the notification; true only the first time its id is seen. */
    boolean insertIfNew(AlertNotification n) throws SQLException {
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.fromString(n.id()));
            insert.setLong(2, n.ruleId());
            insert.setLong(3, n.projectId());
            insert.setString(4, n.state().name());
            insert.setString(5, n.fingerprint());
            insert.setString(6, new String(RecordJson.toBytes(n), StandardCharsets.UTF_8));
            insert.setTimestamp(7, Timestamp.from(Instant.ofEpochMilli(n.triggeredAt())));
            return insert.executeUpdate() == 1;
        }
    }

    /** The rule's channels now and the issue's API id. */
    NotificationTarget target(AlertNotification n, String publicApiUrl) throws SQLException, IOException {
        try (Connection db = connect()) {
            List<AlertChannel> channels = new ArrayList<>();
            try (PreparedStatement rule = db.prepareStatement(RULE_CHANNELS)) {
                rule.setLong(1, n.ruleId());
                try (ResultSet rows = rule.executeQuery()) {
                    if (rows.next()) {
                        for (JsonNode channel : JSON.readTree(rows.getString(1))) {
                            channels.add(new AlertChannel(AlertChannel.Type.fromWireName(channel.path("type").asText()),
                                    channel.path("target").asText()));
                        }
                    }
                }
            }
            Long issueId = null;
            if (n.fingerprint() != null) {
                try (PreparedStatement issue = db.prepareStatement(ISSUE_ID)) {
                    issue.setLong(1, n.projectId());
                    issue.setString(2, n.fingerprint());
                    try (ResultSet rows = issue.executeQuery()) {
                        issueId = rows.next() ? rows.getLong(1) : null;
                    }
                }
            }
            return new NotificationTarget(channels, issueId,
                    NotificationTarget.link(publicApiUrl, n.projectId(), n.ruleId(), issueId));
        }
    }

    void recordAttempt(AlertNotification n, AlertChannel channel, int attempt, DeliveryResult result)
            throws SQLException {
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement(ATTEMPT)) {
            insert.setObject(1, UUID.fromString(n.id()));
            insert.setString(2, channel.type().wireName());
            insert.setString(3, channel.target());
            insert.setInt(4, attempt);
            insert.setString(5, result.outcome().wireName());
            insert.setObject(6, result.httpStatus());
            insert.setString(7, result.error());
            insert.setTimestamp(8, Timestamp.from(result.sentAt()));
            insert.setLong(9, result.latencyMs());
            insert.executeUpdate();
        }
    }

    /** @param status delivered, failed or no_channels */
    void finish(AlertNotification n, String status) throws SQLException {
        try (Connection db = connect(); PreparedStatement update = db.prepareStatement(FINISH)) {
            update.setString(1, status);
            update.setObject(2, UUID.fromString(n.id()));
            update.executeUpdate();
        }
    }

    /** Pending notifications taken in longer ago than {@code stale}: their notifier stopped before finishing. */
    List<AlertNotification> claimStale(Duration stale, int limit) throws SQLException, IOException {
        try (Connection db = connect(); PreparedStatement claim = db.prepareStatement(CLAIM_STALE)) {
            claim.setTimestamp(1, Timestamp.from(Instant.now().minus(stale)));
            claim.setInt(2, limit);
            List<AlertNotification> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(RecordJson.fromBytes(rows.getString(1).getBytes(StandardCharsets.UTF_8),
                            AlertNotification.class));
                }
            }
            return claimed;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(services.postgresJdbcUrl(), services.postgresUser(),
                services.postgresPassword());
    }
}
