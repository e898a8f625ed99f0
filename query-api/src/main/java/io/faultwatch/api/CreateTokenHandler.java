package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code POST /api/v1/organizations/{org_id}/tokens} (admin), body {@code {"name", "scopes": ["read"]}}: a new
 * token of the organization. The answer's {@code token} is the secret, shown this once; only its hash is kept.
 */
record CreateTokenHandler(TenantStore tenants) implements Handler<RoutingContext> {

    private static final Set<String> FIELDS = Set.of("name", "scopes");

    @Override
    public void handle(RoutingContext ctx) {
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        JsonBody.checkFields(body, FIELDS, "");
        String name = JsonBody.name(body, "name");
        Set<Scope> scopes = scopes(body.get("scopes"));
        tenants.createToken(TokenAuthentication.caller(ctx).organizationId(), name, scopes)
                .onSuccess(token -> JsonResponses.sendJson(ctx, 201, token.toJson()))
                .onFailure(ctx::fail);
    }

    static Set<Scope> scopes(JsonNode value) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                Scope scope = element.isTextual() ? Scope.fromWireName(element.asText()) : null;
                if (scope == null) {
                    scopes.clear();
                    break;
                }
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty()) {
            throw ApiException.invalidParameter("scopes", "scopes must be a non-empty array of " + Scope.NAMES
                    + ", got " + RequestParams.echo(value == null ? null : value.toString()));
        }
        return scopes;
    }
}
