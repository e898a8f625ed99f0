package io.faultwatch.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The rows of organizations, projects, keys and tokens as the API returns them, and their one JSON shape each. */
public final class TenantRows {

    private TenantRows() {
    }

    public record Organization(long id, String slug, String name, Instant createdAt) {
        JsonObject toJson() {
            return new JsonObject().put("id", id).put("slug", slug).put("name", name)
                    .put("created_at", createdAt.toString());
        }
    }

    public record Project(long id, long organizationId, String slug, String name, Instant createdAt, ProjectSettings settings) {
        JsonObject toJson() {
            return new JsonObject().put("id", id).put("organization_id", organizationId).put("slug", slug)
                    .put("name", name).put("created_at", createdAt.toString()).put("settings", settings.toJson());
        }
    }

    public record Key(String publicKey, long projectId, boolean active, Instant createdAt) {
        /** With the DSN an SDK is configured with: {@code <scheme>://<key>@<gateway host>/<project id>}. */
        JsonObject toJson(URI gateway) {
            String dsn = gateway.getScheme() + "://" + publicKey + "@" + gateway.getRawAuthority()
                    + gateway.getRawPath().replaceAll("/+$", "") + "/" + projectId;
            return new JsonObject().put("public_key", publicKey).put("project_id", projectId).put("active", active)
                    .put("created_at", createdAt.toString()).put("dsn", dsn);
        }
    }

    public record Token(long id, long organizationId, String name, List<Scope> scopes, String prefix, Instant createdAt,
                 Instant lastUsedAt, Instant revokedAt) {
        /** Never the secret: the table does not have it. */
        JsonObject toJson() {
            return new JsonObject().put("id", id).put("organization_id", organizationId).put("name", name)
                    .put("scopes", new JsonArray(scopes.stream().map(Scope::wireName).toList()))
                    .put("token_prefix", prefix).put("created_at", createdAt.toString())
                    .put("last_used_at", text(lastUsedAt)).put("revoked_at", text(revokedAt));
        }
    }

    /** A token just created, with its secret: the one time the secret is shown. */
    public record NewToken(Token token, String secret) {
        JsonObject toJson() {
            return token.toJson().put("token", secret);
        }
    }

    static JsonObject list(List<JsonObject> items) {
        return new JsonObject().put("data", new JsonArray(List.copyOf(items)));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
