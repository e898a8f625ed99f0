package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse DDL must run on the 18.16 server these machines have and on current releases
 * (DESIGN.md): constructs that only one of them understands are refused here, before a
 * migration fails on someone's installation.
 */
class ClickHouseSqlRulesTest {
    private static final Path MIGRATIONS = Path.of("../sql/clickhouse");
    private static final List<Pattern> FORBIDDEN = Stream.of(
                    "\\bTTL\\b", "\\bCODEC\\s*\\(", "\\bDateTime64\\b", "\\bMap\\s*\\(", "\\bJSON\\b(?!EachRow)",
                    "\\bIPv4\\b", "\\bLowCardinality\\b", "\\bWITH\\s+FILL\\b", "\\btoStartOfInterval\\b",
                    "\\bILIKE\\b", "\\{[a-zA-Z_]+:")
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE))
            .toList();

    @Test
    void migrationsAvoidConstructsThatDoNotRunOnBothVersions() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(MIGRATIONS)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String sql = withoutComments(Files.readString(file));
            for (Pattern forbidden : FORBIDDEN) {
                assertThat(forbidden.matcher(sql).find())
                        .as("%s uses %s, which ClickHouse 18.16 or current releases refuse", file.getFileName(), forbidden)
                        .isFalse();
            }
            assertThat(sql.toLowerCase(Locale.ROOT))
                    .as("%s: CREATE statements must be idempotent (IF NOT EXISTS), ClickHouse DDL is not transactional",
                            file.getFileName())
                    .doesNotContainPattern("create\\s+(table|database|materialized\\s+view|view)\\s+(?!if\\s+not\\s+exists)");
        }
    }

    /**
     * Numbers are handed out per issue before branches merge (PostgreSQL V5 to issue 8, V6 to issue 7,
     * V7 to issue 5), so a branch may skip the numbers of another one; two files must never share one.
     */
    @Test
    void migrationFilesHaveDistinctNumbers() throws IOException {
        for (String dir : List.of("../sql/postgres", "../sql/clickhouse")) {
            List<Integer> versions;
            try (Stream<Path> listing = Files.list(Path.of(dir))) {
                versions = listing.map(f -> f.getFileName().toString())
                        .peek(name -> assertThat(name).as("migration name in %s", dir).matches("V[0-9]+__[a-z0-9_]+\\.sql"))
                        .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                        .sorted()
                        .toList();
            }
            assertThat(versions).as("versions in %s", dir).doesNotHaveDuplicates().startsWith(1);
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }
}
