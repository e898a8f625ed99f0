package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.testing.LocalServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token tool against the real PostgreSQL: a token kept in a file is printed again while it is valid
 * (so ./faultwatch up prints the same one every time), and replaced once it is revoked.
 */
class CreateTokenMainITCase {

    @AutoClose
    private static final ApiTestKit kit = ApiTestKit.started();
    private final Vertx vertx = Vertx.vertx();
    private final Pool pool = IssueStore.pool(vertx, LocalServices.ADDRESSES);
    private final TenantStore tenants = new TenantStore(pool);

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        pool.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aKeptTokenIsPrintedAgainUntilItIsRevoked() throws Exception {
        long org = kit.org().id();
        Path file = dir.resolve("tokens/admin-token");
        CreateTokenArgs args = new CreateTokenArgs(org, "tool admin", Set.of(Scope.ADMIN), file);

        String first = CreateTokenMain.token(tenants, args).await(10, TimeUnit.SECONDS);
        assertThat(Files.readString(file).strip()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ApiTestKit.json(kit.call("GET", "/api/v1/organizations/" + org + "/tokens", first, null), 200)
                .get("data")).extracting(t -> t.get("name").asText()).contains("tool admin");

        assertThat(CreateTokenMain.token(tenants, args).await(10, TimeUnit.SECONDS)).as("the same on a second run")
                .isEqualTo(first);

        long id = tenants.authenticate(first).await(10, TimeUnit.SECONDS).tokenId();
        tenants.revokeToken(org, id).await(10, TimeUnit.SECONDS);
        String replaced = CreateTokenMain.token(tenants, args).await(10, TimeUnit.SECONDS);
        assertThat(replaced).isNotEqualTo(first).matches("fwt_[0-9a-f]{64}");
        assertThat(Files.readString(file).strip()).isEqualTo(replaced);
    }

    @Test
    void aKeptTokenOfAnotherOrganizationIsNotReused() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, kit.org().token());
        ApiTestKit.Org other = kit.newOrganization();

        String token = CreateTokenMain.token(tenants, new CreateTokenArgs(other.id(), "other admin", Set.of(Scope.READ),
                file)).await(10, TimeUnit.SECONDS);

        assertThat(token).isNotEqualTo(kit.org().token());
        assertThat(tenants.authenticate(token).await(10, TimeUnit.SECONDS).organizationId()).isEqualTo(other.id());
    }

    @Test
    void withoutAFileEachRunMakesANewToken() throws Exception {
        CreateTokenArgs args = new CreateTokenArgs(kit.org().id(), "one-off", Set.of(Scope.READ), null);
        assertThat(CreateTokenMain.token(tenants, args).await(10, TimeUnit.SECONDS))
                .isNotEqualTo(CreateTokenMain.token(tenants, args).await(10, TimeUnit.SECONDS));
    }
}
