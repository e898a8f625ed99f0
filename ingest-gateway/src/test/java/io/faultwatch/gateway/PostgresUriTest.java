package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ServiceAddresses;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway and the query API build their pools from ServiceAddresses.postgresUri(): Vert.x must read it back. */
class PostgresUriTest {

    @Test
    void vertxReadsBackEveryFieldEvenWithAwkwardCredentials() {
        ServiceAddresses services = ServiceAddresses.fromEnv(Map.of(
                "FW_PG_HOST", "db.internal", "FW_PG_PORT", "15432", "FW_PG_DATABASE", "fault watch",
                "FW_PG_USER", "fw user", "FW_PG_PASSWORD", "p@ss:w/rd+%?# ~*!"));

        PgConnectOptions options = PgConnectOptions.fromUri(services.postgresUri());

        assertThat(options.getHost()).isEqualTo("db.internal");
        assertThat(options.getPort()).isEqualTo(15432);
        assertThat(options.getDatabase()).isEqualTo("fault watch");
        assertThat(options.getUser()).isEqualTo("fw user");
        assertThat(options.getPassword()).isEqualTo("p@ss:w/rd+%?# ~*!");
    }

    @Test
    void vertxReadsTheDefaults() {
        PgConnectOptions options = PgConnectOptions.fromUri(ServiceAddresses.fromEnv(Map.of()).postgresUri());

        assertThat(options.getHost()).isEqualTo("127.0.0.1");
        assertThat(options.getPort()).isEqualTo(5432);
        assertThat(options.getDatabase()).isEqualTo("faultwatch");
        assertThat(options.getUser()).isEqualTo("faultwatch");
        assertThat(options.getPassword()).isEqualTo("faultwatch");
    }
}
