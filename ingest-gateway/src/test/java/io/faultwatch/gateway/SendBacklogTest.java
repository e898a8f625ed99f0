package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendBacklogTest {
    private static final long KNOWN_MS = 60_000;
    private static final long MAX_UNACKED = 1_000;

    @Test
    void aTopicWithoutARecentAcknowledgementMayBlock() {
        SendBacklog backlog = new SendBacklog(KNOWN_MS, MAX_UNACKED);

        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 0)).as("never acknowledged").isFalse();

        backlog.sending(100);
        backlog.done("fw.events", 100, true, 5_000);
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 5_000 + KNOWN_MS)).isTrue();
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events", "fw.outcomes"), 5_000))
                .as("every topic of the batch must be known").isFalse();
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 5_001 + KNOWN_MS))
                .as("the producer may have dropped the topic since").isFalse();
    }

    @Test
    void aFailedSendDoesNotMakeTheTopicKnown() {
        SendBacklog backlog = new SendBacklog(KNOWN_MS, MAX_UNACKED);
        backlog.sending(100);
        backlog.done("fw.events", 100, false, 5_000);

        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 5_000)).isFalse();
    }

    @Test
    void tooMuchWaitingForTheBrokerMayBlock() {
        SendBacklog backlog = new SendBacklog(KNOWN_MS, MAX_UNACKED);
        backlog.sending(10);
        backlog.done("fw.events", 10, true, 0);

        backlog.sending(600);
        backlog.sending(400);
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 1)).as("at the limit").isTrue();
        backlog.sending(1);
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 1)).as("over it").isFalse();
        backlog.done("fw.events", 600, false, 2);
        assertThat(backlog.sendsWithoutBlocking(List.of("fw.events"), 2)).as("failed records leave the backlog too")
                .isTrue();
    }
}
