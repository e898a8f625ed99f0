package io.faultwatch.api;

import io.faultwatch.model.ServiceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Creates an API token from the command line and prints its secret: the first token of an installation
 * (the API itself only answers with one), and the demo's admin token that {@code ./faultwatch up} prints.
 * Arguments: {@link CreateTokenArgs}; PostgreSQL from the FW_PG_* variables, as the API reads them.
 */
public final class CreateTokenMain {

    private CreateTokenMain() {
    }

    public static void main(String[] args) throws Exception {
        CreateTokenArgs options;
        try {
            options = CreateTokenArgs.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = IssueStore.pool(vertx, ServiceAddresses.fromEnv(System.getenv()));
        try {
            System.out.println(token(new TenantStore(pool), options).await(30, TimeUnit.SECONDS));
        } finally {
            pool.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The token kept in {@code --keep-in} while it is valid for the organization, else a new one (kept there). */
    static Future<String> token(TenantStore tenants, CreateTokenArgs options) {
        String kept = kept(options.keepIn());
        Future<Boolean> stillValid = kept == null ? Future.succeededFuture(false)
                : tenants.authenticate(kept).map(caller -> caller.organizationId() == options.organization())
                        .otherwise(false);
        return stillValid.compose(valid -> valid ? Future.succeededFuture(kept)
                : tenants.createToken(options.organization(), options.name(), options.scopes())
                        .map(created -> keep(options.keepIn(), created.secret())));
    }

    private static String kept(Path file) {
        try {
            String token = file == null || !Files.exists(file) ? null : Files.readString(file).strip();
            return ApiTokens.wellFormed(token) ? token : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Written to a file only its owner can read, then moved into place so no reader sees half a token. */
    private static String keep(Path file, String token) {
        if (file == null) {
            return token;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, token + "\n");
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the token in " + file, e);
        }
    }
}
