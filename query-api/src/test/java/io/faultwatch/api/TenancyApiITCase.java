package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.testing.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Organizations, projects, settings, keys and tokens through the API against the real PostgreSQL, each
 * endpoint with what it accepts and what it refuses; and the token checks every endpoint shares.
 */
class TenancyApiITCase {

    private static ApiTestKit kit;
    private static String org;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
        org = "/api/v1/organizations/" + kit.org().id();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    // ---- organizations ----

    @Test
    void theTokensOrganizationIsListedAndShown() throws Exception {
        JsonNode listed = kit.get("/api/v1/organizations", 200).get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(kit.org().id());
        assertThat(kit.get(org, 200)).isEqualTo(listed.get(0));
    }

    @Test
    void aNewOrganizationComesWithAnAdminTokenThatSeesOnlyIt() throws Exception {
        String slug = "it-new-" + LocalServices.randomProjectId();
        JsonNode created = kit.post("/api/v1/organizations", "{\"name\":\"Payments team\",\"slug\":\"" + slug + "\"}", 201);
        long id = created.get("id").asLong();
        kit.deleteOnClose(id);
        assertThat(created.get("slug").asText()).isEqualTo(slug);
        assertThat(created.at("/token/scopes").toString()).isEqualTo("[\"admin\"]");
        String token = created.at("/token/token").asText();
        assertThat(token).matches("fwt_[0-9a-f]{64}").startsWith(created.at("/token/token_prefix").asText());

        JsonNode seen = ApiTestKit.json(kit.call("GET", "/api/v1/organizations", token, null), 200);
        assertThat(seen.get("data")).extracting(o -> o.get("id").asLong()).containsExactly(id);
        assertThat(kit.call("GET", org, token, null).statusCode()).isEqualTo(404);
        assertThat(kit.call("GET", "/api/v1/organizations/" + id, kit.org().token(), null).statusCode())
                .as("the creating token does not get the new organization").isEqualTo(404);

        assertThat(kit.post("/api/v1/organizations", "{\"name\":\"Again\",\"slug\":\"" + slug + "\"}", 409))
                .isEqualTo(ApiTestKit.error("conflict", "an organization with slug '" + slug + "' exists already", "slug"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"\"} | name | name must be a string of 1 to 200 characters, got '\"\"'",
        "{\"slug\":\"ok\"} | name | name must be a string of 1 to 200 characters, got nothing",
        "{\"name\":\"x\",\"slug\":\"Not A Slug\"} | slug | slug must be 1 to 50 lowercase letters, digits and dashes, starting with a letter or digit, got '\"Not A Slug\"'",
        "{\"name\":\"x\",\"owner\":\"me\"} | owner | unknown field 'owner'; expected name, slug",
        "{\"name\":\"!!!\"} | slug | slug cannot be made from name '!!!'; give one: lowercase letters, digits and dashes"})
    void aBadOrganizationIsRefusedWithTheField(String body, String field, String message) throws Exception {
        assertThat(kit.post("/api/v1/organizations", body, 400)).isEqualTo(ApiTestKit.error("invalid_parameter", message, field));
    }

    // ---- projects ----

    @Test
    void aNewProjectHasADsnAKeyAndTheSettingsAsked() throws Exception {
        JsonNode created = kit.post(org + "/projects",
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
        assertThat(kit.get(org + "/projects", 200).get("data")).extracting(p -> p.get("id").asLong()).contains(id);
        assertThat(kit.post(org + "/projects", "{\"name\":\"Checkout Service\"}", 409))
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
        int before = kit.get(org + "/projects", 200).get("data").size();
        assertThat(kit.post(org + "/projects", body, 400)).isEqualTo(ApiTestKit.error(code, message, field));
        assertThat(kit.get(org + "/projects", 200).get("data")).hasSize(before);
    }

    // ---- settings ----

    @Test
    void settingsChangeOnlyTheFieldsNamed() throws Exception {
        long id = newProject("settings");
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
        long id = newProject("bad-settings");
        String settings = "/api/v1/projects/" + id + "/settings";
        JsonNode before = kit.get(settings, 200);
        assertThat(kit.put(settings, body, 400)).isEqualTo(ApiTestKit.error(code, message, field));
        assertThat(kit.get(settings, 200)).isEqualTo(before);
    }

    // ---- keys ----

    @Test
    void keysAreCreatedDisabledAndRotated() throws Exception {
        long id = newProject("keys");
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
        long id = newProject("bad-keys");
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

    // ---- tokens ----

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevokedAtOnce() throws Exception {
        JsonNode created = kit.post(org + "/tokens", "{\"name\":\"CI dashboard\",\"scopes\":[\"read\"]}", 201);
        String secret = created.get("token").asText();
        long id = created.get("id").asLong();
        assertThat(ApiTestKit.json(kit.call("GET", org, secret, null), 200).get("id").asLong()).isEqualTo(kit.org().id());

        JsonNode listed = null;
        for (JsonNode token : kit.get(org + "/tokens", 200).get("data")) {
            assertThat(token.has("token")).as("no secret in the list").isFalse();
            assertThat(token.toString()).doesNotContain(secret.substring(ApiTokens.SHOWN_PREFIX_LENGTH));
            if (token.get("id").asLong() == id) {
                listed = token;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("last_used_at").isNull()).as("it was used").isFalse();
        try (Connection pg = LocalServices.postgres();
             PreparedStatement row = pg.prepareStatement("SELECT token_hash FROM api_tokens WHERE id = ?")) {
            row.setLong(1, id);
            try (ResultSet result = row.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).as("only the hash is stored").isEqualTo(ApiTokens.hash(secret));
            }
        }

        JsonNode revoked = kit.delete(org + "/tokens/" + id, 200);
        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        assertThat(ApiTestKit.json(kit.call("GET", org, secret, null), 401))
                .isEqualTo(ApiTestKit.error("unauthorized", "the token is unknown or revoked", "Authorization"));
        assertThat(kit.delete(org + "/tokens/" + (id + 1_000_000), 404))
                .isEqualTo(ApiTestKit.error("not_found", "token " + (id + 1_000_000) + " does not exist", "token_id"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\",\"scopes\":[]} | scopes | scopes must be a non-empty array of read, write, admin, got '[]'",
        "{\"name\":\"x\",\"scopes\":[\"root\"]} | scopes | scopes must be a non-empty array of read, write, admin, got '[\"root\"]'",
        "{\"name\":\"x\"} | scopes | scopes must be a non-empty array of read, write, admin, got nothing",
        "{\"scopes\":[\"read\"]} | name | name must be a string of 1 to 200 characters, got nothing"})
    void aBadTokenRequestIsRefusedAndCreatesNothing(String body, String field, String message) throws Exception {
        int before = kit.get(org + "/tokens", 200).get("data").size();
        assertThat(kit.post(org + "/tokens", body, 400)).isEqualTo(ApiTestKit.error("invalid_parameter", message, field));
        assertThat(kit.get(org + "/tokens", 200).get("data")).hasSize(before);
    }

    // ---- what every endpoint shares ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        " | this endpoint needs an API token: send Authorization: Bearer <token>",
        "Basic dXNlcjpwYXNz | the Authorization header must be 'Bearer <token>'",
        "Bearer not-a-token | the token is unknown or revoked",
        "Bearer fwt_0000000000000000000000000000000000000000000000000000000000000000 | the token is unknown or revoked"})
    void withoutAValidTokenEveryRequestIs401(String authorization, String message) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kit.port() + org))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ApiTestKit.json(response, 401)).isEqualTo(ApiTestKit.error("unauthorized", message, "Authorization"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"faultwatch\"");
    }

    @Test
    void aTokenWithoutTheScopeIs403() throws Exception {
        String reader = kit.newToken(kit.org().id(), Scope.READ);
        assertThat(ApiTestKit.json(kit.call("POST", org + "/tokens", reader, "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 403))
                .isEqualTo(ApiTestKit.error("forbidden", "this needs a token with scope write; this token has read",
                        "Authorization"));
        String writer = kit.newToken(kit.org().id(), Scope.WRITE);
        assertThat(ApiTestKit.json(kit.call("POST", org + "/tokens", writer, "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 403))
                .isEqualTo(ApiTestKit.error("forbidden", "this needs a token with scope admin; this token has write",
                        "Authorization"));
    }

    @Test
    void eachTokenHasItsOwnRateLimit() throws Exception {
        try (ApiTestKit limited = ApiTestKit.start(3)) {
            String path = "/api/v1/organizations/" + limited.org().id();
            for (int i = 0; i < 3; i++) {
                limited.get(path, 200);
            }
            HttpResponse<String> refused = limited.call("GET", path, limited.org().token(), null);
            // A bucket of 3 refills one request every 20 s.
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L);
            assertThat(ApiTestKit.json(refused, 429)).isEqualTo(ApiTestKit.error("rate_limited",
                    "too many requests with this token; retry after " + retryAfter + " s", "Authorization"));

            String other = limited.newToken(limited.org().id(), Scope.READ);
            assertThat(limited.call("GET", path, other, null).statusCode()).as("another token's budget").isEqualTo(200);
        }
    }

    private static long newProject(String name) throws Exception {
        return kit.post(org + "/projects", "{\"name\":\"" + name + " " + LocalServices.randomProjectId() + "\"}", 201)
                .get("id").asLong();
    }
}
