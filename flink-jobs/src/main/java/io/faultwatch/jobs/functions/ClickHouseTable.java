package io.faultwatch.jobs.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.faultwatch.jobs.ProjectRetentions;
import io.faultwatch.jobs.RowBinary;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ClickHouseClients;
import io.faultwatch.model.ServiceAddresses;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * One ClickHouse table as the job's writers insert into it: rows encoded in {@code RowBinary}, every
 * column named, each row stamped with its project's retention.
 */
final class ClickHouseTable<T> implements AutoCloseable {

    private static final long INSERT_TIMEOUT_SECONDS = 30;

    private final Client client;
    /** Qualified: ClickHouse 18.16 ignores the client's default database on inserts. */
    private final String table;
    private final RowFormat<T> format;
    private final ProjectRetentions retentions;

    ClickHouseTable(ServiceAddresses services, RowFormat<T> format) {
        this.client = ClickHouseClients.builder(services)
                .setSocketTimeout(INSERT_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        this.table = services.clickhouseDatabase() + "." + format.table();
        this.format = format;
        this.retentions = ProjectRetentions.fromPostgres(services);
    }

    /** Appends the row's encoding to {@code rows}. */
    void encode(T row, RowBinary rows) {
        format.write(row, retentions.of(format.projectId(row)), rows);
    }

    /** Inserts the encoded rows in one statement; returns once ClickHouse has them. */
    void insert(RowBinary rows) throws Exception {
        insert(out -> out.write(rows.buffer(), 0, rows.size()));
    }

    /** Inserts the first {@code bytes} of encoded rows in the file in one statement, streamed from it. */
    void insert(FileChannel rows, long bytes) throws Exception {
        insert(out -> {
            WritableByteChannel body = Channels.newChannel(out);
            for (long sent = 0; sent < bytes; ) {
                sent += rows.transferTo(sent, bytes - sent, body);
            }
        });
    }

    private void insert(DataStreamWriter rows) throws Exception {
        try (InsertResponse ignored = client.insert(table, format.columns(), rows, ClickHouseFormat.RowBinary,
                        new InsertSettings())
                .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // The answer only confirms the insert.
        }
    }

    /** For messages: "ClickHouse events". */
    String destination() {
        return "ClickHouse " + format.table();
    }

    @Override
    public void close() {
        client.close();
    }
}
