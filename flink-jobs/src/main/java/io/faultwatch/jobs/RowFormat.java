package io.faultwatch.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;

/**
 * How the rows of one ClickHouse table are written: its columns and each row as the JSON object of
 * one line of {@code FORMAT JSONEachRow}, with every column. Shipped with the sink to the task managers.
 */
public interface RowFormat<T> extends Serializable {

    String table();

    List<String> columns();

    long projectId(T row);

    /** The row's JSON object, every column set, stamped with the project's retention. */
    ObjectNode toJson(T row, ProjectRetentions.Retention retention);

    /** Rows of one batch with equal keys replace each other: only the one {@link #supersedes} keeps. */
    Object batchKey(T row);

    boolean supersedes(T candidate, T current);
}
