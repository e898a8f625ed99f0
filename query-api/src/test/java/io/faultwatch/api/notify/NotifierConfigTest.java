package io.faultwatch.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

    @Test
    void defaults() {
        NotifierConfig config = NotifierConfig.fromEnv(Map.of());

        assertThat(config).isEqualTo(new NotifierConfig(true, "faultwatch-notifier", false, 5, Duration.ofMillis(500),
                Duration.ofSeconds(5), null, null, 25, "faultwatch@localhost"));
        assertThat(config.emailConfigured()).isFalse();
        assertThat(config.withPublicApiUrl("http://127.0.0.1:8400").publicApiUrl()).isEqualTo("http://127.0.0.1:8400");
    }

    @Test
    void readsItsVariables() {
        NotifierConfig config = NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_ENABLED", "false",
                "FW_NOTIFIER_GROUP_ID", "n2", "FW_NOTIFIER_START", "latest", "FW_NOTIFIER_MAX_ATTEMPTS", "3",
                "FW_NOTIFIER_BACKOFF_MS", "50",
                "FW_NOTIFIER_TIMEOUT_MS", "2000", "FW_API_PUBLIC_URL", "https://fw.example.com/",
                "FW_SMTP_HOST", "mail.internal", "FW_SMTP_PORT", "2525", "FW_SMTP_FROM", "alerts@example.com"));

        assertThat(config).isEqualTo(new NotifierConfig(false, "n2", true, 3, Duration.ofMillis(50), Duration.ofSeconds(2),
                "https://fw.example.com", "mail.internal", 2525, "alerts@example.com"));
        assertThat(config.emailConfigured()).isTrue();
        assertThat(config.withPublicApiUrl("http://127.0.0.1:8400")).as("a set URL wins").isEqualTo(config);
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_MAX_ATTEMPTS", "0")))
                .hasMessage("FW_NOTIFIER_MAX_ATTEMPTS must be between 1 and 20, got 0");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_BACKOFF_MS", "soon")))
                .hasMessage("FW_NOTIFIER_BACKOFF_MS must be a whole number, got 'soon'");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_START", "beginning")))
                .hasMessage("FW_NOTIFIER_START must be earliest or latest, got 'beginning'");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("FW_SMTP_PORT", "0")))
                .hasMessage("FW_SMTP_PORT must be a port between 1 and 65535, got 0");
    }
}
