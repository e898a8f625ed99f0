package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.testing.LocalServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET/PUT /api/v1/projects/{id}/settings}: a change keeps the fields it leaves out and reaches the row
 * the gateway reads; a bad one changes nothing.
 */
class ProjectSettingsITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();

    @Test
    void settingsChangeOnlyTheFieldsNamed() throws Exception {
        long id = kit.newProjectThroughApi("settings");
        String settings = "/api/v1/projects/" + id + "/settings";

        JsonNode changed = kit.put(settings, "{\"sample_rate\":0.25,\"rate_limit_per_minute\":null,\"events_retention_days\":7}", 200);

        assertThat(changed).isEqualTo(ApiTestKit.JSON.readTree("""
                {"rate_limit_per_minute":null,"scrub_data":true,"store_user_ip":false,"sample_rate":0.25,
                 "metrics_retention_days":90,"events_retention_days":7}"""));
        assertThat(kit.get(settings, 200)).isEqualTo(changed);
        try (Connection pg = LocalServices.postgres();
             PreparedStatement row = pg.prepareStatement("SELECT sample_rate, events_retention_days FROM projects WHERE id = ?")) {
            row.setLong(1, id);
            try (ResultSet result = row.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getDouble(1)).as("what the gateway reads").isEqualTo(0.25);
                assertThat(result.getInt(2)).isEqualTo(7);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{} | | invalid_body | nothing to change: name at least one of events_retention_days, metrics_retention_days, rate_limit_per_minute, sample_rate, scrub_data, store_user_ip",
        "{\"sample_rate\":-0.1} | sample_rate | invalid_parameter | sample_rate must be a number from 0 to 1, got '-0.1'",
        "{\"sample_rate\":\"all\"} | sample_rate | invalid_parameter | sample_rate must be a number from 0 to 1, got '\"all\"'",
        "{\"rate_limit_per_minute\":0} | rate_limit_per_minute | invalid_parameter | rate_limit_per_minute must be an integer between 1 and 100000000, got '0'",
        "{\"metrics_retention_days\":3651} | metrics_retention_days | invalid_parameter | metrics_retention_days must be an integer between 1 and 3650, got '3651'",
        "{\"scrub_data\":\"no\"} | scrub_data | invalid_parameter | scrub_data must be true or false, got '\"no\"'"})
    void badSettingsAreRefusedAndNothingChanges(String body, String field, String code, String message) throws Exception {
        long id = kit.newProjectThroughApi("bad-settings");
        String settings = "/api/v1/projects/" + id + "/settings";
        JsonNode before = kit.get(settings, 200);
        assertThat(kit.put(settings, body, 400)).isEqualTo(ApiTestKit.error(code, message, field));
        assertThat(kit.get(settings, 200)).isEqualTo(before);
    }
}
