package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.IssueRow;
import io.faultwatch.model.ServiceAddresses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Properties;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;

/**
 * Upserts issue rows into PostgreSQL ({@link IssueUpsert}), one transaction per batch. A batch keeps the
 * latest row of each issue: the issue tracker emits the whole row on every event, and a busy issue
 * would otherwise cost PostgreSQL one upsert per event.
 */
class IssueWriter extends ReplacingBatchWriter<IssueRow> {

    private final ServiceAddresses services;
    private final IssueUpsert upsert = new IssueUpsert();
    private Connection connection;

    IssueWriter(ServiceAddresses services, int maxRows, long maxAgeMs, ProcessingTimeService timeService,
                Counter rowsSent) {
        super(maxRows, maxAgeMs, timeService, rowsSent);
        this.services = services;
    }

    @Override
    protected Object batchKey(IssueRow row) {
        return Tuple2.of(row.projectId(), row.fingerprint());
    }

    @Override
    protected String destination() {
        return "PostgreSQL issues";
    }

    @Override
    protected void send(Collection<IssueRow> rows) throws SQLException {
        try {
            Connection pg = connection();
            try (PreparedStatement statement = pg.prepareStatement(IssueUpsert.SQL)) {
                for (IssueRow row : rows) {
                    upsert.accept(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            pg.commit();
        } catch (SQLException e) {
            // The next attempt starts on a new connection: this one may be broken or in a failed transaction.
            close();
            throw e;
        }
    }

    /**
     * The driver is called directly rather than found through {@code DriverManager}, which may not see
     * drivers inside a user jar on a cluster.
     */
    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", services.postgresUser());
            properties.setProperty("password", services.postgresPassword());
            connection = new org.postgresql.Driver().connect(services.postgresJdbcUrl(), properties);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing after a failure: the connection is dropped either way.
            }
            connection = null;
        }
    }
}
