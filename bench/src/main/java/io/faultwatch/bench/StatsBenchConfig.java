package io.faultwatch.bench;

import java.util.List;

/**
 * What one {@link StatsBenchmark} run does, read once from its {@code --name value} arguments: the
 * ClickHouse database it generates into and reads (never the live one), the bench projects (ids
 * {@code firstProject} onwards, created in PostgreSQL by scripts/bench-stats.sh), the data's shape, and
 * how many requests each scenario times.
 *
 * @param generate whether to generate the data first (false: reuse a database generated before)
 * @param jsonOut  file the JSON result is written to, or null
 */
public record StatsBenchConfig(
        String database,
        long firstProject,
        int projects,
        int issues,
        int days,
        int warmup,
        int iterations,
        boolean generate,
        String jsonOut) {

    private static final List<String> NAMES = List.of("database", "first-project", "projects", "issues", "days",
            "warmup", "iterations", "generate", "json-out");

    public StatsBenchConfig {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*") || database.equals("faultwatch")) {
            throw new IllegalArgumentException("--database must be a plain identifier other than faultwatch (the bench"
                    + " drops and fills it), got '" + database + "'");
        }
        if (firstProject <= 0) {
            throw new IllegalArgumentException("--first-project must be the first of the bench projects' ids");
        }
        if (issues % projects != 0) {
            throw new IllegalArgumentException("--issues must be a multiple of --projects, got " + issues + " and "
                    + projects);
        }
    }

    public static StatsBenchConfig fromArgs(String[] args) {
        BenchArgs values = BenchArgs.parse(args, NAMES);
        return new StatsBenchConfig(
                values.get("database", "faultwatch_bench"),
                values.longArg("first-project", 0),
                values.intArg("projects", 10, 1, 1000),
                values.intArg("issues", 1000, 1, 100_000),
                values.intArg("days", 30, 1, 90),
                values.intArg("warmup", 20, 0, 10_000),
                values.intArg("iterations", 200, 1, 100_000),
                Boolean.parseBoolean(values.get("generate", "true")),
                values.get("json-out"));
    }

    public int issuesPerProject() {
        return issues / projects;
    }
}
