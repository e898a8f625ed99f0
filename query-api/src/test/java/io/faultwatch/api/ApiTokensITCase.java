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
 * {@code /api/v1/organizations/{org_id}/tokens}: a token's secret is shown once and only its hash stored, the
 * list has no secrets, a revoked token is refused at once; a bad request creates nothing.
 */
class ApiTokensITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();
    private static final String ORG = "/api/v1/organizations/" + kit.org().id();

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevokedAtOnce() throws Exception {
        JsonNode created = kit.post(ORG + "/tokens", "{\"name\":\"CI dashboard\",\"scopes\":[\"read\"]}", 201);
        String secret = created.get("token").asText();
        long id = created.get("id").asLong();
        assertThat(ApiTestKit.json(kit.call("GET", ORG, secret, null), 200).get("id").asLong()).isEqualTo(kit.org().id());

        JsonNode listed = null;
        for (JsonNode token : kit.get(ORG + "/tokens", 200).get("data")) {
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

        JsonNode revoked = kit.delete(ORG + "/tokens/" + id, 200);
        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        assertThat(ApiTestKit.json(kit.call("GET", ORG, secret, null), 401))
                .isEqualTo(ApiTestKit.error("unauthorized", "the token is unknown or revoked", "Authorization"));
        assertThat(kit.delete(ORG + "/tokens/" + (id + 1_000_000), 404))
                .isEqualTo(ApiTestKit.error("not_found", "token " + (id + 1_000_000) + " does not exist", "token_id"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\",\"scopes\":[]} | scopes | scopes must be a non-empty array of read, write, admin, got '[]'",
        "{\"name\":\"x\",\"scopes\":[\"root\"]} | scopes | scopes must be a non-empty array of read, write, admin, got '[\"root\"]'",
        "{\"name\":\"x\"} | scopes | scopes must be a non-empty array of read, write, admin, got nothing",
        "{\"scopes\":[\"read\"]} | name | name must be a string of 1 to 200 characters, got nothing"})
    void aBadTokenRequestIsRefusedAndCreatesNothing(String body, String field, String message) throws Exception {
        int before = kit.get(ORG + "/tokens", 200).get("data").size();
        assertThat(kit.post(ORG + "/tokens", body, 400)).isEqualTo(ApiTestKit.error("invalid_parameter", message, field));
        assertThat(kit.get(ORG + "/tokens", 200).get("data")).hasSize(before);
    }
}
