package io.faultwatch.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the API, open to anyone (it is the same
 * for every installation and holds no data). OpenApiITCase holds it and the router's routes to each other.
 */
final class OpenApiHandler implements Handler<RoutingContext> {

    static final String PATH = "/api/v1/openapi.json";
    static final String RESOURCE = "/openapi.json";

    private final Buffer document;

    OpenApiHandler() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the query API's jar");
            }
            document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(document);
    }
}
