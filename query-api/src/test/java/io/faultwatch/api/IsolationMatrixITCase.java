package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.testing.LocalServices;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the OpenAPI document (which OpenApiITCase ties to the router, so a route added later
 * is in it) against organization A's resources: without a token it is 401; with another organization's
 * admin token it is 404 from the tenant check, as if A's resources did not exist; with another
 * organization's read token it is 403 or 404, never a success; with A's own token lacking the operation's scope it is
 * 403. Operations whose path names neither an organization nor a project must be listed in
 * {@link #UNSCOPED} with a check of their own, or the matrix fails. Afterwards A is as it was.
 */
class IsolationMatrixITCase {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    /** Operations without an organization or project in the path, and how each keeps to the caller's. */
    private static final List<String> UNSCOPED = List.of(
            "GET /api/v1/organizations", "POST /api/v1/organizations", "GET /api/v1/error-metrics");

    private static ApiTestKit kit;
    private static final long PROJECT = LocalServices.randomProjectId();
    private static ApiTestKit.Org foreign;
    private static String foreignReader;
    private static String ownReader;
    private static String ownWriter;
    private static Map<String, String> resources;
    private static JsonNode projectBefore;
    private static JsonNode keysBefore;
    private static JsonNode tokensBefore;
    private static JsonNode issuesBefore;
    private static JsonNode rulesBefore;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
        long org = kit.org().id();
        kit.createProjects(PROJECT);
        long issue;
        try (Connection pg = LocalServices.postgres()) {
            issue = ApiTestKit.insertIssue(pg, PROJECT, "fp-isolated", "IsolatedError: mine", "a.B in c", "error",
                    "2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 3);
        }
        String key = kit.post("/api/v1/projects/" + PROJECT + "/keys", null, 201).get("public_key").asText();
        long rule = kit.post("/api/v1/projects/" + PROJECT + "/alert-rules", "{\"name\": \"isolated\","
                + " \"kind\": \"new_issue\"}", 201).get("id").asLong();
        ownReader = kit.newToken(org, Scope.READ);
        ownWriter = kit.newToken(org, Scope.WRITE);
        long readerId = 0;
        for (JsonNode token : kit.get("/api/v1/organizations/" + org + "/tokens", 200).get("data")) {
            if (token.get("scopes").toString().equals("[\"read\"]")) {
                readerId = token.get("id").asLong();
            }
        }
        resources = Map.of("org_id", String.valueOf(org), "id", String.valueOf(PROJECT),
                "issue_id", String.valueOf(issue), "public_key", key, "token_id", String.valueOf(readerId), "rule_id", String.valueOf(rule));
        foreign = kit.newOrganization();
        foreignReader = kit.newToken(foreign.id(), Scope.READ);
        projectBefore = kit.get("/api/v1/projects/" + PROJECT, 200);
        keysBefore = kit.get("/api/v1/projects/" + PROJECT + "/keys", 200);
        tokensBefore = withoutLastUsed(kit.get("/api/v1/organizations/" + org + "/tokens", 200));
        issuesBefore = kit.get("/api/v1/projects/" + PROJECT + "/issues", 200);
        rulesBefore = kit.get("/api/v1/projects/" + PROJECT + "/alert-rules", 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    /** One test per operation, then one that A is as it was: dynamic tests of a factory run in order. */
    @TestFactory
    Stream<DynamicTest> everyOperationAgainstAnotherOrganizationsResources() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        OpenApiITCase.operations(document()).forEach((operation, description) -> {
            if (!description.get("security").isEmpty()) {
                tests.add(DynamicTest.dynamicTest(operation, () -> check(operation, description)));
            }
        });
        assertThat(tests).as("operations under test").hasSizeGreaterThan(20);
        tests.add(DynamicTest.dynamicTest("organization A is as it was", IsolationMatrixITCase::assertUnchanged));
        return tests.stream();
    }

    private static void assertUnchanged() throws Exception {
        long org = kit.org().id();
        assertThat(kit.get("/api/v1/projects/" + PROJECT, 200)).isEqualTo(projectBefore);
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/keys", 200)).isEqualTo(keysBefore);
        assertThat(withoutLastUsed(kit.get("/api/v1/organizations/" + org + "/tokens", 200))).isEqualTo(tokensBefore);
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/issues", 200)).isEqualTo(issuesBefore);
        assertThat(kit.get("/api/v1/projects/" + PROJECT + "/alert-rules", 200)).isEqualTo(rulesBefore);
        assertThat(kit.get("/api/v1/organizations/" + org + "/projects", 200).get("data")).hasSize(1);
    }

    private static void check(String operation, JsonNode description) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        String path = fill(template);
        String body = body(description);

        HttpResponse<String> anonymous = kit.call(method, path, null, body);
        assertThat(ApiTestKit.json(anonymous, 401).at("/error/field").asText()).isEqualTo("Authorization");

        if (UNSCOPED.contains(operation)) {
            checkUnscoped(operation, path, body);
        } else {
            assertThat(template).as("%s names no organization or project: add it to UNSCOPED with a check", operation)
                    .containsAnyOf("{org_id}", "{id}");
            JsonNode refused = ApiTestKit.json(kit.call(method, path, foreign.token(), body), 404);
            assertThat(refused.at("/error/code").asText()).isEqualTo("not_found");
            assertThat(refused.at("/error/field").asText()).as("refused by the tenant check").isIn("org_id", "id");
            int status = kit.call(method, path, foreignReader, body).statusCode();
            assertThat(status).as("another organization's read token").isIn(403, 404);
        }

        Scope needed = Scope.fromWireName(description.get("x-scope").asText());
        for (Scope lacking : List.of(Scope.READ, Scope.WRITE)) {
            if (!lacking.includes(needed)) {
                String token = lacking == Scope.READ ? ownReader : ownWriter;
                JsonNode forbidden = ApiTestKit.json(kit.call(method, path, token, body), 403);
                assertThat(forbidden.at("/error/code").asText()).isEqualTo("forbidden");
            }
        }
    }

    /** How each operation outside an organization's or project's path keeps to the caller's organization. */
    private static void checkUnscoped(String operation, String path, String body) throws Exception {
        switch (operation) {
            case "GET /api/v1/organizations" -> assertThat(ApiTestKit.json(kit.call("GET", path, foreign.token(), null),
                    200).get("data")).extracting(org -> org.get("id").asLong()).containsExactly(foreign.id());
            case "POST /api/v1/organizations" -> {
                // Creates a new, empty organization: nothing of A's is reachable through it.
                JsonNode created = ApiTestKit.json(kit.call("POST", path, foreign.token(),
                        "{\"name\":\"Isolation " + PROJECT + "\",\"slug\":\"iso-" + PROJECT + "-" + System.nanoTime() % 1000
                                + "\"}"), 201);
                kit.deleteOnClose(created.get("id").asLong());
                assertThat(created.get("id").asLong()).isNotIn(kit.org().id(), foreign.id());
            }
            case "GET /api/v1/error-metrics" -> {
                JsonNode refused = ApiTestKit.json(kit.call("GET", path + "?project=" + PROJECT, foreign.token(), null), 404);
                assertThat(refused.at("/error/field").asText()).isEqualTo("project");
            }
            default -> throw new AssertionError("no check for " + operation);
        }
    }

    /** The template with A's resources; a parameter the matrix does not know gets 1 (the project is A's anyway). */
    private static String fill(String template) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, resources.getOrDefault(matcher.group(1), "1"));
        }
        return matcher.appendTail(path).toString();
    }

    /** The documented example body, valid as it stands, with A's issue where it names issues. */
    private static String body(JsonNode description) {
        JsonNode example = description.at("/requestBody/content/application~1json/example");
        if (example.isMissingNode()) {
            return null;
        }
        ObjectNode body = example.deepCopy();
        if (body.has("ids")) {
            body.putArray("ids").add(Long.parseLong(resources.get("issue_id")));
        }
        return body.toString();
    }

    private static JsonNode document() throws Exception {
        return ApiTestKit.json(kit.call("GET", OpenApiHandler.PATH, null, null), 200);
    }

    /** The matrix's calls use A's tokens, which moves their last_used_at. */
    private static JsonNode withoutLastUsed(JsonNode tokens) {
        JsonNode copy = tokens.deepCopy();
        copy.get("data").forEach(token -> ((ObjectNode) token).remove("last_used_at"));
        return copy;
    }
}
