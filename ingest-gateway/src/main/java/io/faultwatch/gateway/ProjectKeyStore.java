package io.faultwatch.gateway;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Project keys from PostgreSQL, cached so the hot path does not query per event. Misses are cached
 * too (a client with a wrong DSN would otherwise cost a query per request); failed lookups are not,
 * so PostgreSQL coming back is seen at once. Concurrent lookups of one key share one query.
 */
public final class ProjectKeyStore {
    static final String SELECT_KEY = "SELECT project_id, is_active FROM project_keys WHERE public_key = $1";
    private static final Pattern KEY_FORMAT = Pattern.compile("[0-9a-f]{32}");
    // Bounds memory when someone sends many made-up keys; refilling the cache is cheap.
    private static final int MAX_CACHED_KEYS = 100_000;

    private record Cached(Future<Optional<ProjectKey>> key, long expiresAtNanos) {}

    private final Pool pool;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ProjectKeyStore(Pool pool, Duration ttl) {
        this.pool = pool;
        this.ttlNanos = ttl.toNanos();
    }

    public Future<Optional<ProjectKey>> lookup(String publicKey) {
        // The column only holds 32 lowercase hex digits; anything else cannot match.
        if (!KEY_FORMAT.matcher(publicKey).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        long now = System.nanoTime();
        Cached cached = cache.get(publicKey);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.key();
        }
        if (cache.size() >= MAX_CACHED_KEYS) {
            cache.clear();
        }
        Future<Optional<ProjectKey>> query = pool.preparedQuery(SELECT_KEY)
                .execute(Tuple.of(publicKey))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<ProjectKey>empty();
                    }
                    Row row = it.next();
                    return Optional.of(new ProjectKey(publicKey, row.getLong("project_id"), row.getBoolean("is_active")));
                });
        Cached entry = new Cached(query, now + ttlNanos);
        cache.put(publicKey, entry);
        query.onFailure(e -> cache.remove(publicKey, entry));
        return query.recover(e -> Future.failedFuture(
                new Rejection(503, "project keys are unavailable (PostgreSQL): " + e.getMessage(), e)));
    }
}
