package io.faultwatch.gateway;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Project keys with their project's settings from PostgreSQL, cached so the hot path does not query
 * per event, and re-read once an entry is older than {@code refresh}: a new, disabled or
 * re-configured key takes effect within that time without a restart. Misses are cached too (a
 * client with a wrong DSN would otherwise cost a query per request). When PostgreSQL cannot be
 * reached, an expired entry keeps serving (keys rarely change, and refusing every SDK would lose
 * more than a stale answer); a key never seen gets a 503. Concurrent lookups of one key share one query.
 */
public final class ProjectKeyStore {
    static final String SELECT_KEY = "SELECT k.project_id, k.is_active, p.rate_limit_per_minute, p.scrub_data, "
            + "p.store_user_ip, p.sample_rate FROM project_keys k JOIN projects p ON p.id = k.project_id WHERE k.public_key = $1";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectKeyStore.class);
    private static final Pattern KEY_FORMAT = Pattern.compile("[0-9a-f]{32}");
    // Bounds memory when someone sends many made-up keys; refilling the cache is cheap.
    private static final int MAX_CACHED_KEYS = 100_000;

    /** {@code loading} is the query under way, if any; {@code key} the last answer, if any. */
    private record Entry(Optional<ProjectKey> key, long loadedAtNanos, Future<Optional<ProjectKey>> loading) {}

    private final Pool pool;
    private final long refreshNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public ProjectKeyStore(Pool pool, Duration refresh) {
        this(pool, refresh, System::nanoTime);
    }

    ProjectKeyStore(Pool pool, Duration refresh, LongSupplier clock) {
        this.pool = pool;
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
    }

    public Future<Optional<ProjectKey>> lookup(String publicKey) {
        // The column only holds 32 lowercase hex digits; anything else cannot match.
        if (!KEY_FORMAT.matcher(publicKey).matches()) {
            return Future.succeededFuture(Optional.empty());
        }
        long now = clock.getAsLong();
        Entry entry = cache.get(publicKey);
        if (entry != null && entry.key() != null && now - entry.loadedAtNanos() < refreshNanos) {
            return Future.succeededFuture(entry.key());
        }
        if (entry != null && entry.loading() != null) {
            return entry.loading();
        }
        if (cache.size() >= MAX_CACHED_KEYS) {
            cache.clear();
        }
        Optional<ProjectKey> stale = entry == null ? null : entry.key();
        Future<Optional<ProjectKey>> query = query(publicKey);
        Entry loading = new Entry(stale, entry == null ? now : entry.loadedAtNanos(), query);
        cache.put(publicKey, loading);
        return query
                .onSuccess(key -> cache.replace(publicKey, loading, new Entry(key, clock.getAsLong(), null)))
                .recover(e -> {
                    cache.replace(publicKey, loading, new Entry(stale, loading.loadedAtNanos(), null));
                    if (stale != null) {
                        LOG.warn("PostgreSQL unavailable, using the cached entry of key {}: {}", publicKey,
                                e.getMessage());
                        return Future.succeededFuture(stale);
                    }
                    return Future.failedFuture(
                            new Rejection(503, "project keys are unavailable (PostgreSQL): " + e.getMessage(), e));
                });
    }

    private Future<Optional<ProjectKey>> query(String publicKey) {
        return pool.preparedQuery(SELECT_KEY)
                .execute(Tuple.of(publicKey))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new ProjectKey(publicKey, row.getLong("project_id"),
                            row.getBoolean("is_active"), new ProjectSettings(row.getInteger("rate_limit_per_minute"),
                            row.getBoolean("scrub_data"), row.getBoolean("store_user_ip"),
                            row.getDouble("sample_rate"))));
                });
    }
}
