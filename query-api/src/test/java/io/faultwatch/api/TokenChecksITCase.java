package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every endpoint under /api/v1/ checks before anything else: a valid token (401), its scope (403) and its
 * rate limit (429 with Retry-After).
 */
class TokenChecksITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();
    private static final String ORG = "/api/v1/organizations/" + kit.org().id();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        " | this endpoint needs an API token: send Authorization: Bearer <token>",
        "Basic dXNlcjpwYXNz | the Authorization header must be 'Bearer <token>'",
        "Bearer not-a-token | the token is unknown or revoked",
        "Bearer fwt_0000000000000000000000000000000000000000000000000000000000000000 | the token is unknown or revoked"})
    void withoutAValidTokenEveryRequestIs401(String authorization, String message) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kit.port() + ORG))
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
        assertThat(ApiTestKit.json(kit.call("POST", ORG + "/tokens", reader, "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 403))
                .isEqualTo(ApiTestKit.error("forbidden", "this needs a token with scope write; this token has read",
                        "Authorization"));
        String writer = kit.newToken(kit.org().id(), Scope.WRITE);
        assertThat(ApiTestKit.json(kit.call("POST", ORG + "/tokens", writer, "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 403))
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
}
