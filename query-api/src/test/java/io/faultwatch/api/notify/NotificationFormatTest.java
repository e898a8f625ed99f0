package io.faultwatch.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertNotification.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST = Instant.parse("2026-11-22T14:00:00Z").toEpochMilli();
    private static final long LAST = Instant.parse("2026-11-22T14:04:59.250Z").toEpochMilli();

    static AlertNotification spike(State state) {
        return new AlertNotification("6f1c2a4e-0000-3000-8000-000000000001", 5, 2, 42, "Checkout spike",
                AlertKind.SPIKE, state, "fp-1", "production", "IllegalStateException: payment provider timed out",
                41, 4.5, 13.5, 300, FIRST, LAST, LAST, LAST + 20, 0, "events");
    }

    private static final NotificationTarget ISSUE = new NotificationTarget(List.of(), 77L,
            NotificationTarget.link("http://api.example", 42, 5, 77L));

    @Test
    void slackGetsBlockKitWithEverythingAnOnCallPersonNeeds() throws Exception {
        assertThat(NotificationFormat.slack(spike(State.FIRING), ISSUE)).isEqualTo(JSON.readTree("""
                {"text": "[FIRING] Checkout spike: 41 events · threshold 13.5 events (baseline 4.5) (project 42, production)",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": "🔴 FIRING: Checkout spike"}},
                  {"type": "section", "text": {"type": "mrkdwn", "text": "*IllegalStateException: payment provider timed out*"}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Project*\\n42"},
                    {"type": "mrkdwn", "text": "*Environment*\\nproduction"},
                    {"type": "mrkdwn", "text": "*Value*\\n41 events · threshold 13.5 events (baseline 4.5)"},
                    {"type": "mrkdwn", "text": "*Window*\\n5 min"},
                    {"type": "mrkdwn", "text": "*First seen*\\n2026-11-22T14:00:00Z"},
                    {"type": "mrkdwn", "text": "*Last seen*\\n2026-11-22T14:04:59.250Z"}]},
                  {"type": "actions", "elements": [{"type": "button",
                    "text": {"type": "plain_text", "text": "Open in FaultWatch"},
                    "url": "http://api.example/api/v1/projects/42/issues/77/events"}]},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                    "text": "Rule 5 · spike · notification 6f1c2a4e-0000-3000-8000-000000000001"}]}]}"""));
    }

    @Test
    void aProjectWideResolutionHasNoIssueAndLinksToTheRulesHistory() {
        AlertNotification resolved = new AlertNotification("id-2", 9, 1, 42, "Too many errors", AlertKind.EVENT_COUNT,
                State.RESOLVED, null, null, null, 3, null, 100, 3_600, FIRST, LAST, LAST, LAST, 0, "events");
        NotificationTarget project = new NotificationTarget(List.of(), null,
                NotificationTarget.link("http://api.example", 42, 9, null));

        String slack = NotificationFormat.slack(resolved, project).toString();

        assertThat(slack).contains("\"text\":\"✅ RESOLVED: Too many errors\"", "*Environment*\\nall",
                "*Value*\\n3 events · threshold 100 events", "*Window*\\n1 h",
                "http://api.example/api/v1/projects/42/alert-history?rule=9");
        assertThat(NotificationFormat.slack(resolved, project).get("blocks")).hasSize(4);
    }

    @Test
    void theWebhookGetsEveryFact() throws Exception {
        // Compared as sent: the text parsed again, so a long and an int of one value are equal.
        assertThat(JSON.readTree(NotificationFormat.webhook(spike(State.FIRING), ISSUE).toString())).isEqualTo(JSON.readTree("""
                {"notification_id": "6f1c2a4e-0000-3000-8000-000000000001", "state": "FIRING", "sequence": 0,
                 "rule": {"id": 5, "name": "Checkout spike", "kind": "spike", "version": 2},
                 "project_id": 42, "environment": "production",
                 "issue": {"id": 77, "fingerprint": "fp-1", "title": "IllegalStateException: payment provider timed out"},
                 "value": 41.0, "threshold": 13.5, "baseline": 4.5, "window_seconds": 300,
                 "first_seen": "2026-11-22T14:00:00Z", "last_seen": "2026-11-22T14:04:59.250Z",
                 "triggered_at": "2026-11-22T14:04:59.250Z",
                 "summary": "[FIRING] Checkout spike: 41 events · threshold 13.5 events (baseline 4.5) (project 42, production)",
                 "url": "http://api.example/api/v1/projects/42/issues/77/events"}"""));
    }

    @Test
    void emailIsPlainText() {
        assertThat(NotificationFormat.emailSubject(spike(State.RESOLVED)))
                .isEqualTo("[FaultWatch] RESOLVED: Checkout spike (project 42)");
        assertThat(NotificationFormat.emailBody(spike(State.FIRING), ISSUE)).isEqualTo("""
                [FIRING] Checkout spike: 41 events · threshold 13.5 events (baseline 4.5) (project 42, production)

                Issue: IllegalStateException: payment provider timed out
                Project: 42
                Environment: production
                Value: 41 events · threshold 13.5 events (baseline 4.5)
                Window: 5 min
                First seen: 2026-11-22T14:00:00Z
                Last seen: 2026-11-22T14:04:59.250Z
                Open: http://api.example/api/v1/projects/42/issues/77/events
                Rule 5, notification 6f1c2a4e-0000-3000-8000-000000000001
                """);
    }

    @Test
    void lifecycleAlertsHaveNoWindowAndSayWhatHappened() {
        AlertNotification regression = new AlertNotification("id-3", 3, 1, 42, "Regressions", AlertKind.REGRESSION,
                State.FIRING, "fp-1", "production", "NPE", 1, null, 1, 60, FIRST, FIRST, FIRST, FIRST, 0, "");

        assertThat(NotificationFormat.value(regression)).isEqualTo("regression");
        assertThat(NotificationFormat.slack(regression, ISSUE).toString()).doesNotContain("Window");
    }

    @Test
    void numbersAndWindowsReadNaturally() {
        assertThat(NotificationFormat.number(12.0)).isEqualTo("12");
        assertThat(NotificationFormat.number(33.3333)).isEqualTo("33.33");
        assertThat(NotificationFormat.window(90)).isEqualTo("90 s");
        assertThat(NotificationFormat.window(86_400)).isEqualTo("1 d");
    }
}
