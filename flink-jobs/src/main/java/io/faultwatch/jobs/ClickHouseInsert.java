package io.faultwatch.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The ClickHouse INSERT of a batch. The rows travel inline after {@code FORMAT JSONEachRow} in the
 * statement text, which ClickHouse 18.16 and current releases both accept over HTTP, and JSON encoding
 * keeps values from being read as SQL. Every column is sent.
 */
public final class ClickHouseInsert {

    private ClickHouseInsert() {}

    public static String sql(String database, RowFormat<?> format, Collection<ObjectNode> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an INSERT needs at least one row");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(database).append('.').append(format.table())
                .append(" (").append(String.join(", ", format.columns())).append(") FORMAT JSONEachRow\n");
        for (ObjectNode row : rows) {
            sql.append(row).append('\n');
        }
        return sql.toString();
    }
}
