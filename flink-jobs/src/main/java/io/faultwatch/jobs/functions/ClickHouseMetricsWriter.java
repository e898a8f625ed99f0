package io.faultwatch.jobs.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import io.faultwatch.jobs.ErrorMetricsInsert;
import io.faultwatch.jobs.MinuteCount;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches minute counts and inserts them into ClickHouse: when the batch is full, when its first
 * row is {@link #MAX_BATCH_AGE_MS} old (so dashboards lag by about a second), and before every
 * checkpoint. Within a batch only the newest row of each (project, issue, minute) is kept, since
 * it replaces the older ones anyway.
 *
 * <p>A failed insert is retried a bounded number of times with exponential backoff; after that the
 * writer fails and the job restarts from its last checkpoint. Retrying is safe because rows are
 * absolute and versioned.
 */
class ClickHouseMetricsWriter implements SinkWriter<MinuteCount> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMetricsWriter.class);

    static final int MAX_BATCH_ROWS = 5_000;
    static final long MAX_BATCH_AGE_MS = 1_000;
    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_BACKOFF_MS = 200;
    private static final long INSERT_TIMEOUT_SECONDS = 30;

    private record RowKey(long projectId, String fingerprint, long minute) {}

    private final Client client;
    private final String database;
    private final ProcessingTimeService timeService;
    private final Counter rowsSent;
    private final Map<RowKey, MinuteCount> batch = new LinkedHashMap<>();
    private boolean ageFlushScheduled;

    ClickHouseMetricsWriter(ServiceAddresses services, ProcessingTimeService timeService, Counter rowsSent) {
        this.client = ClickHouseClients.builder(services)
                .setSocketTimeout(INSERT_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        this.database = services.clickhouseDatabase();
        this.timeService = timeService;
        this.rowsSent = rowsSent;
    }

    @Override
    public void write(MinuteCount row, Context context) throws IOException, InterruptedException {
        batch.merge(new RowKey(row.projectId(), row.fingerprint(), row.minute()), row,
                (older, newer) -> newer.version() >= older.version() ? newer : older);
        if (batch.size() >= MAX_BATCH_ROWS) {
            flushBatch();
        } else if (!ageFlushScheduled) {
            ageFlushScheduled = true;
            timeService.registerTimer(timeService.getCurrentProcessingTime() + MAX_BATCH_AGE_MS, time -> {
                ageFlushScheduled = false;
                flushBatch();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBatch();
    }

    private void flushBatch() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        String sql = ErrorMetricsInsert.sql(database, batch.values());
        long backoffMs = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try (QueryResponse ignored = client.query(sql).get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                break;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    throw (InterruptedException) e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IOException("inserting " + batch.size() + " rows into " + database + "."
                            + ErrorMetricsInsert.TABLE + " failed " + attempt + " times", e);
                }
                LOG.warn("Insert into ClickHouse failed (attempt {} of {}), retrying in {} ms: {}",
                        attempt, MAX_ATTEMPTS, backoffMs, e.toString());
                Thread.sleep(backoffMs);
                backoffMs *= 2;
            }
        }
        rowsSent.inc(batch.size());
        batch.clear();
    }

    @Override
    public void close() {
        client.close();
    }
}
