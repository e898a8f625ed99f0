package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/projects/{id}/keys}: create, disable, enable and rotate DSN keys; bad changes are refused
 * (that the gateway follows within its refresh is ProjectManagementEndToEndITCase).
 */
class ProjectKeysITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();

    @Test
    void keysAreCreatedDisabledAndRotated() throws Exception {
        long id = kit.newProjectThroughApi("keys");
        String keys = "/api/v1/projects/" + id + "/keys";
        String first = kit.get(keys, 200).get("data").get(0).get("public_key").asText();

        JsonNode second = kit.post(keys, null, 201);
        assertThat(second.get("active").asBoolean()).isTrue();
        assertThat(second.get("dsn").asText()).isEqualTo("http://" + second.get("public_key").asText() + "@127.0.0.1:48300/" + id);

        assertThat(kit.put(keys + "/" + first, "{\"active\":false}", 200).get("active").asBoolean()).isFalse();
        JsonNode rotated = kit.post(keys + "/" + second.get("public_key").asText() + "/rotate", null, 201);
        String third = rotated.get("public_key").asText();

        assertThat(kit.get(keys, 200).get("data")).extracting(k -> k.get("public_key").asText() + " " + k.get("active"))
                .containsExactlyInAnyOrder(first + " false", second.get("public_key").asText() + " false", third + " true");
        assertThat(kit.put(keys + "/" + first, "{\"active\":true}", 200).get("active").asBoolean()).isTrue();
    }

    @Test
    void badKeyChangesAreRefused() throws Exception {
        long id = kit.newProjectThroughApi("bad-keys");
        String keys = "/api/v1/projects/" + id + "/keys";
        String key = kit.get(keys, 200).get("data").get(0).get("public_key").asText();

        assertThat(kit.put(keys + "/" + key, "{\"active\":\"no\"}", 400))
                .isEqualTo(ApiTestKit.error("invalid_parameter", "active must be true or false, got '\"no\"'", "active"));
        assertThat(kit.put(keys + "/" + key, "{}", 400))
                .isEqualTo(ApiTestKit.error("invalid_parameter", "active must be true or false, got nothing", "active"));
        String unknown = "0".repeat(32);
        assertThat(kit.put(keys + "/" + unknown, "{\"active\":false}", 404)).isEqualTo(ApiTestKit.error("not_found",
                "key '" + unknown + "' does not exist in project " + id, "public_key"));
        assertThat(kit.post(keys + "/" + unknown + "/rotate", null, 404).at("/error/field").asText()).isEqualTo("public_key");
        assertThat(kit.get(keys, 200).get("data")).hasSize(1);
        assertThat(kit.get(keys, 200).get("data").get(0).get("active").asBoolean()).isTrue();
    }
}
