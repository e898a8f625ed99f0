package io.faultwatch.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.api.notify.DeliveryResult.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeliveryResultTest {

    @ParameterizedTest
    @CsvSource({"200, OK", "204, OK", "400, FAILED", "403, FAILED", "404, FAILED", "410, FAILED", "408, RETRY",
            "429, RETRY", "500, RETRY", "503, RETRY", "302, FAILED"})
    void classifiesHttpStatuses(int status, Outcome outcome) {
        assertThat(DeliveryResult.ofHttpStatus(status, "no_service", Instant.EPOCH, 3).outcome()).isEqualTo(outcome);
    }

    @Test
    void keepsWhatWentWrongAndMakesTheLastAttemptFinal() {
        DeliveryResult unavailable = DeliveryResult.ofHttpStatus(503, "busy\n", Instant.EPOCH, 3);
        DeliveryResult refused = DeliveryResult.unreachable(new IOException("connection refused"), Instant.EPOCH, 1);

        assertThat(unavailable.error()).isEqualTo("HTTP 503: busy");
        assertThat(refused.error()).isEqualTo("IOException: connection refused");
        assertThat(refused.asFinal().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(DeliveryResult.ofHttpStatus(500, "x".repeat(2_000), Instant.EPOCH, 1).error())
                .hasSize(DeliveryResult.MAX_ERROR_LENGTH);
    }

    @Test
    void backoffDoublesUpToItsBound() {
        NotifierConfig config = NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_BACKOFF_MS", "500"));

        assertThat(config.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.backoffAfter(2)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(config.backoffAfter(4)).isEqualTo(Duration.ofMillis(4_000));
        assertThat(config.backoffAfter(10)).isEqualTo(NotifierConfig.MAX_BACKOFF);
    }
}
