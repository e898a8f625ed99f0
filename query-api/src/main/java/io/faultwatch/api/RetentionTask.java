package io.faultwatch.api;

import com.clickhouse.client.api.sql.SQLUtils;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the ClickHouse partitions that {@link RetentionPolicy} finds expired. The query API runs it on a
 * schedule (FW_RETENTION_INTERVAL_MINUTES). Dropping is idempotent, so two API instances running it at
 * once do no harm.
 */
record RetentionTask(MetricsStore store, String database, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);

    /** The dropped partitions, as table/partition id. */
    Future<List<String>> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String tables = String.join(", ", RetentionPolicy.PARTITION_DAYS.keySet().stream()
                .sorted().map(SQLUtils::enquoteLiteral).toList());
        return store.rows("SELECT table, partition_id FROM system.parts WHERE database = "
                        + SQLUtils.enquoteLiteral(database) + " AND active AND table IN (" + tables + ")"
                        + " GROUP BY table, partition_id ORDER BY table, partition_id FORMAT JSONEachRow")
                .compose(partitions -> {
                    List<String> expired = new ArrayList<>();
                    Future<Void> drops = Future.succeededFuture();
                    for (JsonNode partition : partitions) {
                        String table = partition.get("table").asText();
                        String id = partition.get("partition_id").asText();
                        if (RetentionPolicy.isExpired(table, id, today).orElse(false)) {
                            expired.add(table + "/" + id);
                            // One after the other: ClickHouse serializes a table's ALTERs anyway.
                            drops = drops.compose(done -> store.execute("ALTER TABLE " + database + "." + table
                                    + " DROP PARTITION ID " + SQLUtils.enquoteLiteral(id)));
                        }
                    }
                    return drops.map(done -> expired);
                })
                .onSuccess(expired -> {
                    if (!expired.isEmpty()) {
                        LOG.info("Retention dropped {} partitions: {}", expired.size(), expired);
                    }
                })
                .onFailure(e -> LOG.warn("Retention could not drop expired partitions; it tries again next time", e));
    }
}
