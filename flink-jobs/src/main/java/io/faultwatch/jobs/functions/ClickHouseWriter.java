package io.faultwatch.jobs.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.faultwatch.jobs.ProjectRetentions;
import io.faultwatch.jobs.RowBinary;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Counter;

/**
 * Inserts batches of rows into a ClickHouse table in {@code RowBinary}, every column named, each row
 * stamped with its project's retention. Batches are sent when full, when their first row is
 * {@link #MAX_BATCH_AGE_MS} old (so dashboards lag by about a second), and before every checkpoint.
 */
class ClickHouseWriter<T> extends BatchingWriter<T> {

    static final int MAX_BATCH_ROWS = 5_000;
    static final long MAX_BATCH_AGE_MS = 1_000;
    private static final long INSERT_TIMEOUT_SECONDS = 30;

    private final Client client;
    /** Qualified: ClickHouse 18.16 ignores the client's default database on inserts. */
    private final String table;
    private final RowFormat<T> format;
    private final ProjectRetentions retentions;
    /** Reused from batch to batch: grows to the largest batch once instead of being allocated each time. */
    private final RowBinary encoded = new RowBinary(1 << 20);

    ClickHouseWriter(ServiceAddresses services, RowFormat<T> format, ProcessingTimeService timeService,
                     Counter rowsSent) {
        super(MAX_BATCH_ROWS, MAX_BATCH_AGE_MS, timeService, rowsSent);
        this.client = ClickHouseClients.builder(services)
                .setSocketTimeout(INSERT_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        this.table = services.clickhouseDatabase() + "." + format.table();
        this.format = format;
        this.retentions = ProjectRetentions.fromPostgres(services);
    }

    @Override
    protected Object batchKey(T row) {
        return format.batchKey(row);
    }

    @Override
    protected String destination() {
        return "ClickHouse " + format.table();
    }

    @Override
    protected void send(Collection<T> rows) throws Exception {
        encoded.clear();
        for (T row : rows) {
            format.write(row, retentions.of(format.projectId(row)), encoded);
        }
        try (InsertResponse ignored = client.insert(table, format.columns(),
                        out -> out.write(encoded.buffer(), 0, encoded.size()), ClickHouseFormat.RowBinary,
                        new InsertSettings())
                .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // The answer only confirms the insert.
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
