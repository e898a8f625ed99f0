package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProjectSettingsTest {

    @Test
    void aChangeKeepsTheFieldsItLeavesOut() {
        ProjectSettings changed = ProjectSettings.DEFAULTS.with(JsonBody.readObject(
                "{\"sample_rate\":0.1,\"rate_limit_per_minute\":50,\"store_user_ip\":true}"), "");
        assertThat(changed).isEqualTo(new ProjectSettings(50, true, true, 0.1, 90, 30));
        assertThat(changed.with(JsonBody.readObject("{\"rate_limit_per_minute\":null}"), ""))
                .isEqualTo(new ProjectSettings(null, true, true, 0.1, 90, 30));
    }

    @Test
    void everyFieldIsChecked() {
        assertThatThrownBy(() -> ProjectSettings.DEFAULTS.with(JsonBody.readObject("{\"sample_rate\":1.5}"), "settings."))
                .hasMessage("settings.sample_rate must be a number from 0 to 1, got '1.5'");
        assertThatThrownBy(() -> ProjectSettings.DEFAULTS.with(JsonBody.readObject("{\"events_retention_days\":0}"), ""))
                .hasMessage("events_retention_days must be an integer between 1 and 3650, got '0'");
        assertThatThrownBy(() -> ProjectSettings.DEFAULTS.with(JsonBody.readObject("{\"rate_limit_per_minute\":1.5}"), ""))
                .hasMessage("rate_limit_per_minute must be an integer between 1 and 100000000, got '1.5'");
        assertThatThrownBy(() -> ProjectSettings.DEFAULTS.with(JsonBody.readObject("{\"scrub\":true}"), ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("scrub"));
    }

    @Test
    void slugsAreCheckedOrMadeFromTheName() {
        assertThat(JsonBody.slug(JsonBody.readObject("{}"), "Checkout API (EU)")).isEqualTo("checkout-api-eu");
        assertThat(JsonBody.slug(JsonBody.readObject("{\"slug\":\"web-2\"}"), "x")).isEqualTo("web-2");
        assertThatThrownBy(() -> JsonBody.slug(JsonBody.readObject("{\"slug\":\"-web\"}"), "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("slug"));
        assertThat(JsonBody.slug(JsonBody.readObject("{}"), "a".repeat(60))).hasSize(50);
    }
}
