package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET/POST /api/v1/organizations/{org_id}/projects} and {@code GET /api/v1/projects/{id}}: a new project
 * with its DSN, key and settings; a bad one is refused and creates nothing.
 */
class ProjectsITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();
    private static final String ORG = "/api/v1/organizations/" + kit.org().id();

    @Test
    void aNewProjectHasADsnAKeyAndTheSettingsAsked() throws Exception {
        JsonNode created = kit.post(ORG + "/projects",
                "{\"name\":\"Checkout Service\",\"settings\":{\"sample_rate\":0.5,\"rate_limit_per_minute\":600}}", 201);
        long id = created.get("id").asLong();
        String key = created.at("/key/public_key").asText();
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(created.get("dsn").asText()).isEqualTo("http://" + key + "@127.0.0.1:48300/" + id);
        assertThat(created.get("slug").asText()).isEqualTo("checkout-service");
        assertThat(created.get("organization_id").asLong()).isEqualTo(kit.org().id());
        assertThat(created.get("settings")).isEqualTo(ApiTestKit.JSON.readTree("""
                {"rate_limit_per_minute":600,"scrub_data":true,"store_user_ip":false,"sample_rate":0.5,
                 "metrics_retention_days":90,"events_retention_days":30}"""));

        assertThat(kit.get("/api/v1/projects/" + id, 200)).isEqualTo(((ObjectNode) created.deepCopy()).without(List.of("dsn", "key")));
        assertThat(kit.get(ORG + "/projects", 200).get("data")).extracting(p -> p.get("id").asLong()).contains(id);
        assertThat(kit.post(ORG + "/projects", "{\"name\":\"Checkout Service\"}", 409))
                .isEqualTo(ApiTestKit.error("conflict", "the organization has a project with slug 'checkout-service' already",
                        "slug"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json | | invalid_body | the body must be a JSON object",
        "{\"name\":\"p\",\"settings\":[]} | settings | invalid_parameter | settings must be an object",
        "{\"name\":\"p\",\"settings\":{\"sample_rate\":2}} | settings.sample_rate | invalid_parameter | settings.sample_rate must be a number from 0 to 1, got '2'",
        "{\"name\":\"p\",\"settings\":{\"colour\":1}} | settings.colour | invalid_parameter | unknown field 'settings.colour'; expected settings.events_retention_days, settings.metrics_retention_days, settings.rate_limit_per_minute, settings.sample_rate, settings.scrub_data, settings.store_user_ip"})
    void aBadProjectIsRefusedAndNothingIsCreated(String body, String field, String code, String message) throws Exception {
        int before = kit.get(ORG + "/projects", 200).get("data").size();
        assertThat(kit.post(ORG + "/projects", body, 400)).isEqualTo(ApiTestKit.error(code, message, field));
        assertThat(kit.get(ORG + "/projects", 200).get("data")).hasSize(before);
    }
}
