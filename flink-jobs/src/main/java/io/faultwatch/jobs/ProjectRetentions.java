package io.faultwatch.jobs;

import io.faultwatch.model.ServiceAddresses;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each project's retention (PostgreSQL {@code projects}), which the ClickHouse sinks stamp on every row
 * so that retention can drop whole partitions. Read as a whole, again every {@link #REFRESH_MS}, and
 * sooner (at most every {@link #MISS_RETRY_MS}) when a project is not known yet. When PostgreSQL cannot
 * be read the last known values stay in force, and an unknown project gets {@link #DEFAULT}: a row is
 * never held back for want of its retention.
 */
public final class ProjectRetentions {

    /** In days. */
    public record Retention(int metricsDays, int eventsDays) {}

    /** The column defaults of sql/postgres/V4__project_retention.sql. */
    public static final Retention DEFAULT = new Retention(90, 30);
    static final long REFRESH_MS = 60_000;
    static final long MISS_RETRY_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(ProjectRetentions.class);

    /** Reads every project's retention. */
    @FunctionalInterface
    public interface Loader {
        Map<Long, Retention> load() throws Exception;
    }

    private final Loader loader;
    private final LongSupplier clock;
    private Map<Long, Retention> known = Map.of();
    private long attemptedAt = Long.MIN_VALUE;

    public ProjectRetentions(Loader loader, LongSupplier clock) {
        this.loader = loader;
        this.clock = clock;
    }

    public static ProjectRetentions fromPostgres(ServiceAddresses services) {
        return new ProjectRetentions(() -> load(services), System::currentTimeMillis);
    }

    public Retention of(long projectId) {
        long now = clock.getAsLong();
        Retention retention = known.get(projectId);
        long sinceAttempt = attemptedAt == Long.MIN_VALUE ? Long.MAX_VALUE : now - attemptedAt;
        if (sinceAttempt >= REFRESH_MS || (retention == null && sinceAttempt >= MISS_RETRY_MS)) {
            attemptedAt = now;
            try {
                known = Map.copyOf(loader.load());
                retention = known.get(projectId);
            } catch (Exception e) {
                LOG.warn("Could not read the projects' retention; keeping the last known values: {}", e.toString());
            }
        }
        return retention != null ? retention : DEFAULT;
    }

    private static Map<Long, Retention> load(ServiceAddresses services) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", services.postgresUser());
        props.setProperty("password", services.postgresPassword());
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        Map<Long, Retention> retentions = new HashMap<>();
        // The driver directly rather than DriverManager, which may not see it in a JobManager's user jar.
        try (Connection connection = new org.postgresql.Driver().connect(services.postgresJdbcUrl(), props);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT id, metrics_retention_days, events_retention_days FROM projects")) {
            while (rows.next()) {
                retentions.put(rows.getLong(1), new Retention(rows.getInt(2), rows.getInt(3)));
            }
        }
        return retentions;
    }
}
