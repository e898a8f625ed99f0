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
}
