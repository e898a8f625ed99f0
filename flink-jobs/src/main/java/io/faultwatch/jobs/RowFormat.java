package io.faultwatch.jobs;

import java.io.Serializable;
import java.util.List;

/**
 * How the rows of one ClickHouse table are written: its columns and each row in {@link RowBinary}, every
 * column in that order. Shipped with the sink to the task managers. A table whose rows are only ever
 * added, never updated by a later row, uses this directly; one whose later rows replace earlier ones
 * says how they match ({@link ReplacingRowFormat}).
 */
public interface RowFormat<T> extends Serializable {

    String table();

    List<String> columns();

    long projectId(T row);

    /** Appends the row, every column of {@link #columns()} in order, stamped with the project's retention. */
    void write(T row, ProjectRetentions.Retention retention, RowBinary out);
}
