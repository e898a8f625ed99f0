package io.faultwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
