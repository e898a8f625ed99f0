package io.faultwatch.gateway;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** The project of a request (from the path) and whether the request's key may send to it. */
public final class Authenticator {
    static final String AUTH_HEADER = "X-Sentry-Auth";

    private final ProjectKeyStore keys;

    public Authenticator(ProjectKeyStore keys) {
        this.keys = keys;
    }

    /** The {@code project_id} path parameter; SDKs take it from the DSN's path, so it must be a number. */
    static long projectId(RoutingContext ctx) {
        String raw = ctx.pathParam("projectId");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Rejection(400, "project id in the URL must be a positive integer, got '" + raw + "'");
    }

    /** The key from the X-Sentry-Auth header or the sentry_key query parameter, or null. */
    static String requestKey(RoutingContext ctx) {
        return SentryAuth.publicKey(ctx.request().getHeader(AUTH_HEADER), ctx.request().getParam("sentry_key"));
    }

    /** The key, when {@code publicKey} is an active key of {@code projectId}; else fails with a {@link Rejection}. */
    Future<ProjectKey> authorize(String publicKey, long projectId) {
        if (publicKey == null) {
            return Future.failedFuture(ProjectKey.check(null, null, projectId));
        }
        return keys.lookup(publicKey).compose(key -> {
            Rejection rejection = ProjectKey.check(publicKey, key.orElse(null), projectId);
            return rejection == null ? Future.succeededFuture(key.get()) : Future.failedFuture(rejection);
        });
    }
}
