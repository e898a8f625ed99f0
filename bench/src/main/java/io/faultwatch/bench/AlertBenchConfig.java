package io.faultwatch.bench;

import java.util.List;

/**
 * What one {@link AlertLatencyBenchmark} run does, read once from its {@code --name value} arguments: the
 * running gateway and query API (of {@code ./faultwatch up}), the project and DSN key it sends as, the API
 * token of the project's organization (with scope write) it manages rules with, and how many rules it fires
 * one after the other.
 *
 * @param environment the events' environment and the rules' filter, so other traffic of the project never
 *                    reaches the bench rules
 * @param jsonOut     file the JSON result is written to, or null
 */
public record AlertBenchConfig(String gateway, String api, long project, String key, String token, String environment,
                               int rounds, String jsonOut) {

    private static final List<String> NAMES = List.of("gateway", "api", "project", "key", "token", "environment",
            "rounds", "json-out");

    public AlertBenchConfig {
        if (project <= 0) {
            throw new IllegalArgumentException("--project must be the id of a project the gateway knows");
        }
        if (key == null || !key.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("--key must be the project's DSN key (32 hex digits)");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--token must be an API token of the project's organization");
        }
    }

    public static AlertBenchConfig fromArgs(String[] args) {
        BenchArgs values = BenchArgs.parse(args, NAMES);
        return new AlertBenchConfig(
                values.get("gateway", "http://127.0.0.1:8300"),
                values.get("api", "http://127.0.0.1:8400"),
                values.longArg("project", 0),
                values.get("key"),
                values.get("token"),
                values.get("environment", "bench-alerting"),
                values.intArg("rounds", 20, 1, 1_000),
                values.get("json-out"));
    }
}
