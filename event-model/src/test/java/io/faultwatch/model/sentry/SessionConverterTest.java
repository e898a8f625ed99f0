package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.SessionRecord;
import io.faultwatch.testing.WireSamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionConverterTest {
    private static final long PROJECT = 42;
    private static final long RECEIVED = Instant.parse("2026-11-22T10:20:00Z").toEpochMilli();

    private static byte[] item(String sample, String type) throws InvalidEventException {
        return Envelope.parse(WireSamples.envelope(sample)).items().stream()
                .filter(i -> i.type().equals(type)).findFirst().orElseThrow().payload();
    }

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void javaSessionStart() throws Exception {
        SessionRecord s = SessionConverter.session(item("java-session-init", "session"), PROJECT, RECEIVED);

        assertThat(s).isEqualTo(SessionRecord.update(PROJECT, RECEIVED, "feas-java@1.2.3", "feas-env",
                ms("2026-11-22T10:16:55.585Z"), "e03270fb37af4cd6bba2282c97638db5", null, true, "ok", 0, null,
                ms("2026-11-22T10:16:55.585Z"), null));
    }

    @Test
    void javaSessionExitedWithDurationAndSeq() throws Exception {
        SessionRecord s = SessionConverter.session(item("java-session-exited", "session"), PROJECT, RECEIVED);

        assertThat(s.init()).isFalse();
        assertThat(s.status()).isEqualTo("exited");
        assertThat(s.errors()).isEqualTo(2);
        assertThat(s.duration()).isEqualTo(0.371);
        assertThat(s.seq()).isEqualTo(1795342615956L);
    }

    @Test
    void nodeCrashedSession() throws Exception {
        SessionRecord s = SessionConverter.session(item("js-crash-session", "session"), PROJECT, RECEIVED);

        assertThat(s.kind()).isEqualTo(SessionRecord.SESSION);
        assertThat(s.status()).isEqualTo("crashed");
        assertThat(s.init()).isTrue();
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.release()).isEqualTo("feas-js@1.2.3");
    }

    @Test
    void nodeAggregates() throws Exception {
        List<SessionRecord> buckets = SessionConverter.sessions(item("js-sessions-aggregate", "sessions"), PROJECT,
                RECEIVED);

        assertThat(buckets).containsExactly(SessionRecord.aggregate(PROJECT, RECEIVED, "feas-js@1.2.3", "feas-env",
                ms("2026-11-22T10:17:00Z"), null, 2, 1, 0, 0));
        assertThat(buckets.get(0).aggregateTotal()).isEqualTo(3);
    }

    @Test
    void defaultsWhenAttrsAndStatusAreMissing() throws Exception {
        SessionRecord s = SessionConverter.session(bytes("{\"sid\":\"a\",\"started\":1700000000.5}"), PROJECT,
                RECEIVED);

        assertThat(s.environment()).isEqualTo("production");
        assertThat(s.release()).isNull();
        assertThat(s.status()).isEqualTo("ok");
        assertThat(s.started()).isEqualTo(1_700_000_000_500L);
        assertThat(s.timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void invalidSessionsSayWhy() {
        assertThatThrownBy(() -> SessionConverter.session(bytes("{\"started\":1}"), PROJECT, RECEIVED))
                .isInstanceOf(InvalidEventException.class).hasMessage("session.sid is required");
        assertThatThrownBy(() -> SessionConverter.session(bytes("{\"sid\":\"a\"}"), PROJECT, RECEIVED))
                .hasMessage("session.started is required");
        assertThatThrownBy(() -> SessionConverter.session(bytes("{\"sid\":\"a\",\"started\":1,\"status\":\"odd\"}"),
                PROJECT, RECEIVED)).hasMessageStartingWith("session.status must be one of");
        assertThatThrownBy(() -> SessionConverter.sessions(bytes("{\"aggregates\":[{\"started\":1,\"exited\":-1}]}"),
                PROJECT, RECEIVED)).hasMessage("sessions.aggregates[0].exited must be a non-negative integer, got -1");
        assertThatThrownBy(() -> SessionConverter.sessions(bytes("{}"), PROJECT, RECEIVED))
                .hasMessage("sessions.aggregates must be an array");
        assertThatThrownBy(() -> SessionConverter.session(bytes("[1]"), PROJECT, RECEIVED))
                .hasMessage("session must be a JSON object");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
