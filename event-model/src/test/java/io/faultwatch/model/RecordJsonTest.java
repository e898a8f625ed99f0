package io.faultwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void roundTripsSessionsAndOutcomes() throws IOException {
        SessionRecord update = SessionRecord.update(7, 1_000, "app@1", "prod", 900, "sid-1", "user-1", true, "ok", 0,
                null, 950, 3L);
        SessionRecord aggregate = SessionRecord.aggregate(7, 1_000, "app@1", "prod", 60_000, null, 2, 1, 0, 1);
        Outcome outcome = new Outcome(7, 1_000, "error", Outcome.RATE_LIMITED, "project_quota", 1);

        assertThat(RecordJson.fromBytes(RecordJson.toBytes(update), SessionRecord.class)).isEqualTo(update);
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(aggregate), SessionRecord.class)).isEqualTo(aggregate);
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(outcome), Outcome.class)).isEqualTo(outcome);
        assertThat(aggregate.aggregateTotal()).isEqualTo(4);
        assertThat(update.aggregateTotal()).isZero();
    }

    @Test
    void leavesOutWhatDoesNotApplyAndIgnoresUnknownFields() throws IOException {
        SessionRecord aggregate = SessionRecord.aggregate(7, 1_000, null, "prod", 60_000, null, 2, 0, 0, 0);

        assertThat(new String(RecordJson.toBytes(aggregate), StandardCharsets.UTF_8)).doesNotContain("sessionId", "init");
        assertThat(RecordJson.fromBytes("{\"projectId\":3,\"category\":\"span\",\"later\":1}"
                .getBytes(StandardCharsets.UTF_8), Outcome.class).category()).isEqualTo("span");
    }

    @Test
    void rejectsRecordsWithoutAProject() {
        assertThatThrownBy(() -> RecordJson.fromBytes("{\"category\":\"span\"}".getBytes(StandardCharsets.UTF_8),
                Outcome.class)).isInstanceOf(IOException.class).hasMessage("not a Outcome: projectId is required");
        assertThatThrownBy(() -> RecordJson.fromBytes("[".getBytes(StandardCharsets.UTF_8), SessionRecord.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void roundTripsIssueCommandsWithLowercaseStatuses() throws IOException {
        IssueCommand ignore = new IssueCommand(7, "abc", IssueStatus.IGNORED, 1_000, 5_000L, 10L);
        IssueCommand resolve = new IssueCommand(7, "abc", IssueStatus.RESOLVED_IN_NEXT_RELEASE, 1_000, null, null);

        assertThat(new String(RecordJson.toBytes(resolve), StandardCharsets.UTF_8))
                .isEqualTo("{\"projectId\":7,\"fingerprint\":\"abc\",\"status\":\"resolved_in_next_release\","
                        + "\"issuedAt\":1000}");
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(ignore), IssueCommand.class)).isEqualTo(ignore);
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(resolve), IssueCommand.class)).isEqualTo(resolve);
    }

    @Test
    void rejectsIssueCommandsThatMakeNoSense() {
        assertThatThrownBy(() -> RecordJson.fromBytes(
                "{\"projectId\":7,\"fingerprint\":\"abc\",\"status\":\"resolved\",\"ignoreCount\":3}"
                        .getBytes(StandardCharsets.UTF_8), IssueCommand.class))
                .isInstanceOf(IOException.class).hasMessageContaining("ignore options apply only to status ignored");
        assertThatThrownBy(() -> RecordJson.fromBytes("{\"projectId\":7,\"fingerprint\":\"abc\",\"status\":\"gone\"}"
                .getBytes(StandardCharsets.UTF_8), IssueCommand.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordJson.fromBytes("{\"projectId\":7,\"status\":\"resolved\"}"
                .getBytes(StandardCharsets.UTF_8), IssueCommand.class)).isInstanceOf(IOException.class);
    }

    @Test
    void issueEventIdsAreDerivedFromTheTypeTheIssueAndTheEvent() throws IOException {
        IssueEvent regression = IssueEvent.of(IssueEvent.Type.REGRESSION, 7, "abc", "e1", 1_000, "Boom", null,
                "error", "app@2", "production");

        assertThat(IssueEvent.of(IssueEvent.Type.REGRESSION, 7, "abc", "e1", 2_000, "Other", "x", "fatal", null, null)
                .id()).isEqualTo(regression.id());
        assertThat(IssueEvent.of(IssueEvent.Type.NEW_ISSUE, 7, "abc", "e1", 1_000, "Boom", null, "error", null, null)
                .id()).isNotEqualTo(regression.id());
        assertThat(IssueEvent.of(IssueEvent.Type.REGRESSION, 7, "abc", "e2", 1_000, "Boom", null, "error", null, null)
                .id()).isNotEqualTo(regression.id());
        assertThat(new String(RecordJson.toBytes(regression), StandardCharsets.UTF_8)).contains("\"type\":\"REGRESSION\"");
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(regression), IssueEvent.class)).isEqualTo(regression);
    }

    @Test
    void statusWireNamesAreTheLowercaseNames() {
        assertThat(IssueStatus.fromWireName("resolved_in_next_release")).isEqualTo(IssueStatus.RESOLVED_IN_NEXT_RELEASE);
        assertThat(IssueStatus.fromWireName("RESOLVED")).isNull();
        assertThat(IssueStatus.IGNORED.wireName()).isEqualTo("ignored");
    }

    @Test
    void roundTripsAlertRulesAndNotifications() throws IOException {
        AlertRule rule = new AlertRule(5, 7, 2, "checkout spike", AlertKind.SPIKE, true, 300, 3.0, 1.5, false,
                "production", "error", null, Map.of("region", "eu-*"), 4, 10, null, null, 1800,
                List.of(new AlertChannel(AlertChannel.Type.SLACK, "https://hooks.example/x")), 9_000L, null, 1_000);
        AlertNotification firing = new AlertNotification(AlertNotification.id(5, "", 1_000,
                AlertNotification.State.FIRING, 0), 5, 2, 7, "checkout spike", AlertKind.SPIKE,
                AlertNotification.State.FIRING, null, "production", null, 12, 2.5, 7.5, 300, 900, 1_000, 1_000, 1_010, 0, "events");

        assertThat(RecordJson.fromBytes(RecordJson.toBytes(rule), AlertRule.class)).isEqualTo(rule);
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(firing), AlertNotification.class)).isEqualTo(firing);
    }

    @Test
    void notificationIdsAreStablePerFiringAndDifferOtherwise() {
        String id = AlertNotification.id(5, "fp", 1_000, AlertNotification.State.FIRING, 0);

        assertThat(AlertNotification.id(5, "fp", 1_000, AlertNotification.State.FIRING, 0)).isEqualTo(id);
        assertThat(List.of(AlertNotification.id(6, "fp", 1_000, AlertNotification.State.FIRING, 0),
                AlertNotification.id(5, "", 1_000, AlertNotification.State.FIRING, 0),
                AlertNotification.id(5, "fp", 1_001, AlertNotification.State.FIRING, 0),
                AlertNotification.id(5, "fp", 1_000, AlertNotification.State.RESOLVED, 0),
                AlertNotification.id(5, "fp", 1_000, AlertNotification.State.FIRING, 1))).doesNotContain(id);
    }
}
