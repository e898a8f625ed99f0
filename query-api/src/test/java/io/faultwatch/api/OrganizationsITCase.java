package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultwatch.testing.LocalServices;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET/POST /api/v1/organizations} and {@code GET /api/v1/organizations/{org_id}}: the token's organization,
 * a new one with its first admin token, and what a new organization may not be.
 */
class OrganizationsITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();
    private static final String ORG = "/api/v1/organizations/" + kit.org().id();

    @Test
    void theTokensOrganizationIsListedAndShown() throws Exception {
        JsonNode listed = kit.get("/api/v1/organizations", 200).get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(kit.org().id());
        assertThat(kit.get(ORG, 200)).isEqualTo(listed.get(0));
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
        assertThat(kit.call("GET", ORG, token, null).statusCode()).isEqualTo(404);
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
}
