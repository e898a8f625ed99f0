package io.faultwatch.model.sentry;

import static io.faultwatch.model.sentry.SessionConverterTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.Outcome;
import io.faultwatch.testing.WireSamples;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientReportConverterTest {
    private static final long RECEIVED = 1_800_000_000_000L;

    private static byte[] report(String sample) throws InvalidEventException {
        return Envelope.parse(WireSamples.envelope(sample)).items().stream()
                .filter(i -> i.type().equals("client_report")).findFirst().orElseThrow().payload();
    }

    @Test
    void nodeReportWithFloatTimestamp() throws Exception {
        assertThat(ClientReportConverter.outcomes(report("js-client-report"), 42, RECEIVED)).containsExactly(
                new Outcome(42, 1_795_342_383_022L, "error", Outcome.CLIENT_DISCARD, "ratelimit_backoff", 1));
    }

    @Test
    void javaReportWithIsoTimestampAndSeveralReasons() throws Exception {
        long at = Instant.parse("2026-11-22T10:13:16.803Z").toEpochMilli();

        assertThat(ClientReportConverter.outcomes(report("java-transaction-with-client-report"), 42, RECEIVED))
                .containsExactly(
                        new Outcome(42, at, "transaction", Outcome.CLIENT_DISCARD, "backpressure", 1),
                        new Outcome(42, at, "error", Outcome.CLIENT_DISCARD, "ratelimit_backoff", 2),
                        new Outcome(42, at, "span", Outcome.CLIENT_DISCARD, "backpressure", 1));
    }

    @Test
    void emptyReportsAndZeroQuantitiesGiveNothing() throws Exception {
        assertThat(ClientReportConverter.outcomes(bytes("{}"), 42, RECEIVED)).isEmpty();
        assertThat(ClientReportConverter.outcomes(bytes(
                "{\"discarded_events\":[{\"reason\":\"x\",\"category\":\"error\",\"quantity\":0}]}"), 42, RECEIVED))
                .isEmpty();
    }

    @Test
    void malformedReportsSayWhere() {
        assertThatThrownBy(() -> ClientReportConverter.outcomes(bytes("{\"discarded_events\":{}}"), 42, RECEIVED))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("client_report.discarded_events must be an array");
        assertThatThrownBy(() -> ClientReportConverter.outcomes(bytes(
                "{\"discarded_events\":[{\"reason\":\"x\",\"quantity\":1}]}"), 42, RECEIVED))
                .hasMessage("client_report.discarded_events[0].category is required");
    }
}
