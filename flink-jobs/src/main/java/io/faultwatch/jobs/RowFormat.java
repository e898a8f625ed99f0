package io.faultwatch.jobs;

import java.io.Serializable;
import java.util.List;

/**
 * How the rows of one ClickHouse table are written: its columns and each row in {@link RowBinary}, every
 * column in that order. Shipped with the sink to the task managers.
 */
public interface RowFormat<T> extends Serializable {

    String table();

    List<String> columns();

    long projectId(T row);

    /** Appends the row, every column of {@link #columns()} in order, stamped with the project's retention. */
    void write(T row, ProjectRetentions.Retention retention, RowBinary out);

    /** Rows of one batch with equal keys replace each other: the later one is written. */
    Object batchKey(T row);
}
