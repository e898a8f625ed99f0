package io.faultwatch.api.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertNotification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** The messages a notification becomes on each channel. Pure: notification and target in, text out. */
public final class NotificationFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationFormat() {}

    /**
     * A Slack incoming-webhook message with Block Kit: a header with the state and rule, the issue's title
     * when there is one, then project, environment, the value against the threshold, the window and the
     * first and last seen events, a button to open it in the API, and the rule and notification ids.
     * {@code text} is the plain fallback Slack shows in notifications.
     */
    public static ObjectNode slack(AlertNotification n, NotificationTarget target) {
        ObjectNode message = JSON.createObjectNode();
        message.put("text", summary(n));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text")
                .put("text", (n.state() == AlertNotification.State.FIRING ? "🔴 FIRING: " : "✅ RESOLVED: ") + n.ruleName());
        if (n.title() != null) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", "*" + n.title() + "*");
        }
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Project", Long.toString(n.projectId()));
        field(fields, "Environment", n.environment() == null ? "all" : n.environment());
        field(fields, "Value", value(n));
        if (!n.kind().isLifecycle()) {
            field(fields, "Window", window(n.windowSeconds()));
        }
        field(fields, "First seen", Instant.ofEpochMilli(n.firstSeen()).toString());
        field(fields, "Last seen", Instant.ofEpochMilli(n.lastSeen()).toString());
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                .put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", "Open in FaultWatch");
        button.put("url", target.link());
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Rule " + n.ruleId() + " · " + n.kind().wireName() + " · notification " + n.id());
        return message;
    }

    /** The generic webhook's JSON: every fact of the notification, with the issue and the link. */
    public static ObjectNode webhook(AlertNotification n, NotificationTarget target) {
        ObjectNode message = JSON.createObjectNode();
        message.put("notification_id", n.id());
        message.put("state", n.state().name());
        message.put("sequence", n.sequence());
        message.putObject("rule").put("id", n.ruleId()).put("name", n.ruleName()).put("kind", n.kind().wireName())
                .put("version", n.ruleVersion());
        message.put("project_id", n.projectId());
        message.put("environment", n.environment());
        if (n.fingerprint() != null) {
            message.putObject("issue").put("id", target.issueId()).put("fingerprint", n.fingerprint())
                    .put("title", n.title());
        } else {
            message.putNull("issue");
        }
        message.put("value", n.value());
        message.put("threshold", n.threshold());
        if (n.baseline() != null) {
            message.put("baseline", n.baseline());
        }
        message.put("window_seconds", n.windowSeconds());
        message.put("first_seen", Instant.ofEpochMilli(n.firstSeen()).toString());
        message.put("last_seen", Instant.ofEpochMilli(n.lastSeen()).toString());
        message.put("triggered_at", Instant.ofEpochMilli(n.triggeredAt()).toString());
        message.put("summary", summary(n));
        message.put("url", target.link());
        return message;
    }

    public static String emailSubject(AlertNotification n) {
        return "[FaultWatch] " + n.state() + ": " + n.ruleName() + " (project " + n.projectId() + ")";
    }

    public static String emailBody(AlertNotification n, NotificationTarget target) {
        StringBuilder body = new StringBuilder(summary(n)).append("\n\n");
        if (n.title() != null) {
            body.append("Issue: ").append(n.title()).append('\n');
        }
        body.append("Project: ").append(n.projectId()).append('\n')
                .append("Environment: ").append(n.environment() == null ? "all" : n.environment()).append('\n')
                .append("Value: ").append(value(n)).append('\n');
        if (!n.kind().isLifecycle()) {
            body.append("Window: ").append(window(n.windowSeconds())).append('\n');
        }
        return body.append("First seen: ").append(Instant.ofEpochMilli(n.firstSeen())).append('\n')
                .append("Last seen: ").append(Instant.ofEpochMilli(n.lastSeen())).append('\n')
                .append("Open: ").append(target.link()).append('\n')
                .append("Rule ").append(n.ruleId()).append(", notification ").append(n.id()).append('\n')
                .toString();
    }

    /** One line: state, rule, value against threshold, project and environment. */
    static String summary(AlertNotification n) {
        return "[" + n.state() + "] " + n.ruleName() + ": " + value(n) + " (project " + n.projectId()
                + (n.environment() == null ? "" : ", " + n.environment()) + ")";
    }

    /** The measured value against its threshold, in the kind's unit. */
    static String value(AlertNotification n) {
        AlertKind kind = n.kind();
        if (kind == AlertKind.NEW_ISSUE) {
            return "new issue";
        }
        if (kind == AlertKind.REGRESSION) {
            return "regression";
        }
        String unit = n.unit() == null || n.unit().isEmpty() ? "" : " " + n.unit();
        String text = number(n.value()) + unit + " · threshold " + number(n.threshold()) + unit;
        return n.baseline() == null ? text : text + " (baseline " + number(n.baseline()) + ")";
    }

    static String window(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** Whole numbers without a fraction, others with up to two decimals. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }
}
