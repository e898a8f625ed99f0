package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs after {@link TokenAuthentication} on every route under an organization or a project: a caller only
 * ever reaches its own organization's. Anything else answers 404 exactly like a missing one, so a foreign
 * token cannot even learn what exists. Because these run on the path prefixes, a route added later under
 * {@code /api/v1/projects/{id}/} is covered without doing anything.
 */
final class TenantAccess {

    private TenantAccess() {
    }

    /** {@code /api/v1/organizations/{org_id}} and everything below it. */
    static Handler<RoutingContext> organization() {
        return ctx -> {
            long organizationId = RequestParams.positiveId("org_id", ctx.pathParam("org_id"));
            if (organizationId != TokenAuthentication.caller(ctx).organizationId()) {
                throw unknownOrganization(organizationId);
            }
            ctx.next();
        };
    }

    /** {@code /api/v1/projects/{id}} and everything below it. */
    static Handler<RoutingContext> project(TenantStore tenants) {
        return ctx -> {
            long projectId = RequestParams.projectId(ctx.pathParam("id"));
            long callerOrganization = TokenAuthentication.caller(ctx).organizationId();
            tenants.projectOrganization(projectId).onSuccess(organization -> {
                if (organization != null && organization == callerOrganization) {
                    ctx.next();
                } else {
                    ctx.fail(unknownProject(projectId, "id"));
                }
            }).onFailure(ctx::fail);
        };
    }

    static ApiException unknownProject(long projectId, String field) {
        return ApiException.notFound(field, "project " + projectId + " does not exist");
    }

    private static ApiException unknownOrganization(long organizationId) {
        return ApiException.notFound("org_id", "organization " + organizationId + " does not exist");
    }
}
