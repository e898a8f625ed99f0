package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `./faultwatch services start` applied every numbered migration, unchanged, to both databases. */
class MigrationsITCase {
    private static final ServiceAddresses SERVICES = ServiceAddresses.fromEnv();
    private static final String START_HINT = " — start the local services with ./faultwatch services start";

    @Test
    void postgresHasAppliedEveryMigrationFile() throws Exception {
        Map<Integer, String> applied = new TreeMap<>();
        try (Connection c = postgres(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        assertThat(applied).isEqualTo(checksums(Path.of("../sql/postgres")));
    }

    @Test
    void clickhouseHasAppliedEveryMigrationFile() throws Exception {
        String sql = "SELECT version, checksum FROM " + SERVICES.clickhouseDatabase() + ".schema_migrations FORMAT TSV";
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(SERVICES.clickhouseUrl() + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("ClickHouse is not reachable at " + SERVICES.clickhouseUrl() + START_HINT, e);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<Integer, String> applied = new TreeMap<>();
        response.body().lines().map(line -> line.split("\t"))
                .forEach(row -> applied.put(Integer.parseInt(row[0]), row[1]));
        assertThat(applied).isEqualTo(checksums(Path.of("../sql/clickhouse")));
    }

    private static Connection postgres() {
        try {
            return DriverManager.getConnection(SERVICES.postgresJdbcUrl(), SERVICES.postgresUser(), SERVICES.postgresPassword());
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + SERVICES.postgresJdbcUrl() + START_HINT, e);
        }
    }

    private static Map<Integer, String> checksums(Path dir) throws Exception {
        Map<Integer, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                expected.put(Integer.parseInt(name.substring(1, name.indexOf("__"))), HexFormat.of().formatHex(digest));
            }
        }
        return expected;
    }
}
