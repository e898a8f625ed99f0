package io.faultwatch.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * The ClickHouse INSERT of a batch. The rows travel inline after {@code FORMAT JSONEachRow} in the
 * statement text, which ClickHouse 18.16 and current releases both accept over HTTP, and JSON encoding
 * keeps values from being read as SQL. Every column is sent.
 */
public final class ClickHouseInsert {

    /**
     * A plain writer: {@code ObjectNode.toString()} takes Jackson's slower stack-safe path, and with
     * event payloads of a few KB encoding the rows was most of the events sink's time.
     */
    private static final ObjectWriter JSON = new ObjectMapper().writer();

    private ClickHouseInsert() {}

    public static String sql(String database, RowFormat<?> format, Collection<ObjectNode> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an INSERT needs at least one row");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(database).append('.').append(format.table())
                .append(" (").append(String.join(", ", format.columns())).append(") FORMAT JSONEachRow\n");
        for (ObjectNode row : rows) {
            try {
                sql.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("a row of " + format.table() + " could not be written as JSON", e);
            }
        }
        return sql.toString();
    }
}
