package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /api/v1/organizations} (admin), body {@code {"name", "slug"}}: a new organization for another
 * team, answered with its first admin token (shown this once). The creating token gets no access to it:
 * the team it is for takes over with the new token.
 */
record CreateOrganizationHandler(TenantStore tenants) implements Handler<RoutingContext> {

    private static final Set<String> FIELDS = Set.of("name", "slug");

    @Override
    public void handle(RoutingContext ctx) {
        JsonNode body = JsonBody.readObject(ctx.body().asString());
        JsonBody.checkFields(body, FIELDS, "");
        String name = JsonBody.name(body, "name");
        String slug = JsonBody.slug(body, name);
        tenants.createOrganization(slug, name, "first admin token")
                .onSuccess(created -> JsonResponses.sendJson(ctx, 201,
                        created.organization().toJson().put("token", created.token().toJson())))
                .onFailure(ctx::fail);
    }
}
