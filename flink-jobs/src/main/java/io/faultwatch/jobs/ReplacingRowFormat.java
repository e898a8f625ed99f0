package io.faultwatch.jobs;

/**
 * The rows of a table in which a later row holds everything an earlier one with the same key did (absolute
 * values), so that of the rows of one batch with equal keys only the latest needs writing.
 */
public interface ReplacingRowFormat<T> extends RowFormat<T> {

    /** Rows of one batch with equal keys replace each other: the later one is written. */
    Object batchKey(T row);
}
