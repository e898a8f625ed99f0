package io.faultwatch.jobs.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.jobs.ClickHouseInsert;
import io.faultwatch.jobs.ProjectRetentions;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches rows and inserts them into ClickHouse: when the batch is full, when its first row is
 * {@link #MAX_BATCH_AGE_MS} old (so dashboards lag by about a second), and before every checkpoint.
 * Within a batch a row replaces the earlier rows of its {@link RowFormat#batchKey}, since it would
 * replace them in ClickHouse anyway. Each row is stamped with its project's retention.
 *
 * <p>A failed insert is retried a bounded number of times with exponential backoff; after that the
 * writer fails and the job restarts from its last checkpoint. Retrying is safe because the tables
 * take re-written rows without counting them twice.
 */
class ClickHouseWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);

    static final int MAX_BATCH_ROWS = 5_000;
    static final long MAX_BATCH_AGE_MS = 1_000;
    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_BACKOFF_MS = 200;
    private static final long INSERT_TIMEOUT_SECONDS = 30;

    private final Client client;
    private final String database;
    private final RowFormat<T> format;
    private final ProjectRetentions retentions;
    private final ProcessingTimeService timeService;
    private final Counter rowsSent;
    private final Map<Object, T> batch = new LinkedHashMap<>();
    private boolean ageFlushScheduled;

    ClickHouseWriter(ServiceAddresses services, RowFormat<T> format, ProcessingTimeService timeService,
                     Counter rowsSent) {
        this.client = ClickHouseClients.builder(services)
                .setSocketTimeout(INSERT_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        this.database = services.clickhouseDatabase();
        this.format = format;
        this.retentions = ProjectRetentions.fromPostgres(services);
        this.timeService = timeService;
        this.rowsSent = rowsSent;
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        batch.merge(format.batchKey(row), row,
                (current, candidate) -> format.supersedes(candidate, current) ? candidate : current);
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
        List<ObjectNode> rows = new ArrayList<>(batch.size());
        for (T row : batch.values()) {
            rows.add(format.toJson(row, retentions.of(format.projectId(row))));
        }
        String sql = ClickHouseInsert.sql(database, format, rows);
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
                            + format.table() + " failed " + attempt + " times", e);
                }
                LOG.warn("Insert into ClickHouse {} failed (attempt {} of {}), retrying in {} ms: {}",
                        format.table(), attempt, MAX_ATTEMPTS, backoffMs, e.toString());
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
