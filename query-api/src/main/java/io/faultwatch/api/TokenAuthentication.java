package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;

/**
 * Runs before every {@code /api/v1/} route but the OpenAPI document: the request must carry
 * {@code Authorization: Bearer <token>} with a valid token (else 401), within the token's rate limit
 * (else 429 with Retry-After), and the token must have at least {@code read} to read and {@code write}
 * to change anything (else 403). Routes that need more add {@link #require}. The caller is then
 * available to the route through {@link #caller}.
 */
final class TokenAuthentication implements Handler<RoutingContext> {

    private static final String CALLER = "fw.caller";
    private static final String BEARER = "Bearer ";

    private final TenantStore tenants;
    private final TokenRateLimiter limiter;
    private final LongSupplier nanoTime;

    TokenAuthentication(TenantStore tenants, TokenRateLimiter limiter, LongSupplier nanoTime) {
        this.tenants = tenants;
        this.limiter = limiter;
        this.nanoTime = nanoTime;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = bearerToken(ctx.request().getHeader("Authorization"));
        tenants.authenticate(token).onSuccess(caller -> {
            long retryAfter = limiter.acquire(caller.tokenId(), nanoTime.getAsLong());
            if (retryAfter > 0) {
                ctx.fail(ApiException.rateLimited(retryAfter));
                return;
            }
            HttpMethod method = ctx.request().method();
            Scope minimum = method == HttpMethod.GET || method == HttpMethod.HEAD ? Scope.READ : Scope.WRITE;
            if (!caller.has(minimum)) {
                ctx.fail(missingScope(caller, minimum));
                return;
            }
            ctx.put(CALLER, caller);
            ctx.next();
        }).onFailure(ctx::fail);
    }

    /** A route's extra requirement beyond the method's, e.g. admin to manage keys. */
    static Handler<RoutingContext> require(Scope scope) {
        return ctx -> {
            Caller caller = caller(ctx);
            if (caller.has(scope)) {
                ctx.next();
            } else {
                ctx.fail(missingScope(caller, scope));
            }
        };
    }

    static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.request().path() + " runs without TokenAuthentication");
        }
        return caller;
    }

    /** The token from the header; every malformed header is refused before any query. */
    static String bearerToken(String header) {
        if (header == null) {
            throw ApiException.unauthorized("this endpoint needs an API token: send Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        if (!ApiTokens.wellFormed(token)) {
            throw ApiException.unauthorized("the token is unknown or revoked");
        }
        return token;
    }

    private static ApiException missingScope(Caller caller, Scope needed) {
        return ApiException.forbidden("this needs a token with scope " + needed.wireName() + "; this token has "
                + String.join(", ", caller.scopes().stream().sorted().map(Scope::wireName).toList()));
    }
}
