package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the API serves describes exactly the routes its router has: every documented
 * operation exists, and every route is documented. Routes are compared as "METHOD /path/{param}".
 */
class OpenApiITCase {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static ApiTestKit kit;

    @BeforeAll
    static void setUp() throws Exception {
        kit = ApiTestKit.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void theDocumentIsServedWithoutAToken() throws Exception {
        JsonNode document = ApiTestKit.json(kit.call("GET", OpenApiHandler.PATH, null, null), 200);
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes/bearerToken/scheme").asText()).isEqualTo("bearer");
    }

    /**
     * Java's HttpClient asks a new connection to upgrade to h2c; the API stays on HTTP/1.1, where the whole
     * document (over 100 KB) arrives intact (the upgrade at times garbled it).
     */
    @Test
    void aNewConnectionAskingForHttp2GetsTheWholeDocumentOverHttp11() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kit.port() + OpenApiHandler.PATH))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(ApiTestKit.json(response, 200)).isEqualTo(document());
    }

    @Test
    void everyDocumentedOperationIsARouteAndEveryRouteIsDocumented() throws Exception {
        Set<String> routed = new TreeSet<>();
        kit.api().routes().forEach(route -> {
            String path = route.getPath();
            // Routes without methods are the handlers every request of a prefix passes (authentication,
            // tenant access), not operations.
            if (path != null && route.methods() != null && !route.methods().isEmpty()) {
                route.methods().forEach(method -> routed.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}")));
            }
        });

        assertThat(operations(document()).keySet()).isEqualTo(routed);
    }

    @Test
    void openOperationsAreExactlyTheOpenPathsAndTheRestNeedATokenWithAScope() throws Exception {
        Map<String, JsonNode> operations = operations(document());
        Set<String> open = new TreeSet<>();
        operations.forEach((operation, description) -> {
            if (description.get("security").isEmpty()) {
                open.add(operation.substring(operation.indexOf(' ') + 1));
            } else {
                assertThat(description.get("security").get(0).has("bearerToken")).as(operation).isTrue();
                assertThat(Scope.fromWireName(description.path("x-scope").asText())).as("x-scope of " + operation)
                        .isNotNull();
            }
        });
        assertThat(open).isEqualTo(new TreeSet<>(QueryApi.OPEN_PATHS));
    }

    /** The document as the API serves it. */
    static JsonNode document() throws Exception {
        return ApiTestKit.json(kit.call("GET", OpenApiHandler.PATH, null, null), 200);
    }

    /** Every operation of the document by "METHOD /path", e.g. "GET /api/v1/projects/{id}/issues". */
    static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            }
        }
        return operations;
    }
}
