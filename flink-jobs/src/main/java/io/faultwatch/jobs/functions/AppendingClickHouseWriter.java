package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.RowBinary;
import io.faultwatch.jobs.RowFormat;
import io.faultwatch.model.ServiceAddresses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Counter;

/**
 * Inserts rows that are only ever added (the raw events) in large batches: encoded as they arrive and
 * staged in a local file, so a batch of any size costs a megabyte of heap, and a failed insert is
 * retried from the file.
 *
 * <p>Why large: ClickHouse writes each insert as a part, then merges parts into ever larger ones as the
 * day's partition grows, and each merge rewrites every row of a few KB again. Larger parts skip rounds
 * of merging. In 600,000-event pipeline runs ClickHouse's merges took 13–20 µs per event with batches of
 * up to 5 s instead of 24–41 µs with batches of 1 s. Batches held in the heap were also capped at 32 MiB
 * (about 1.4 s of the benchmark's events per writer), and with a cap of 128 MiB in a 1,000,000-event
 * run ClickHouse took 14 µs per event instead of 20 (merges 7.5 instead of 11.5, inserts 8.6 instead of
 * 9.2), which a task manager's few hundred MB of heap cannot hold. Batches are sent at {@code maxBytes},
 * when their first row is {@link #MAX_BATCH_AGE_MS} old, and before every checkpoint, so an event
 * reaches the event lists within a checkpoint interval.
 *
 * <p>The file is in the JVM's temporary directory and unlinked as soon as it is open, so a process
 * that dies leaves nothing behind.
 */
class AppendingClickHouseWriter<T> extends BatchingWriter<T> {

    /** Bounds a batch's file per writer; at the benchmark's rates (about 25 MB/s per writer) the age comes first. */
    static final long MAX_BATCH_BYTES = 1L << 30;
    /** The job's default checkpoint interval, which sends a batch anyway. */
    static final long MAX_BATCH_AGE_MS = 5_000;
    /** Rows are encoded into a buffer and appended to the file about this much at a time. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final ClickHouseTable<T> table;
    private final long maxBytes;
    private final RowBinary chunk = new RowBinary(2 * CHUNK_BYTES);
    private final FileChannel staged;
    private long stagedBytes;
    private int rows;

    AppendingClickHouseWriter(ServiceAddresses services, RowFormat<T> format, long maxBytes,
                              ProcessingTimeService timeService, Counter rowsSent) throws IOException {
        super(MAX_BATCH_AGE_MS, timeService, rowsSent);
        this.maxBytes = maxBytes;
        Path file = Files.createTempFile("faultwatch-" + format.table() + "-", ".rowbinary");
        // Unlinked at once; DELETE_ON_CLOSE covers a file system that cannot unlink an open file.
        this.staged = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        Files.deleteIfExists(file);
        this.table = new ClickHouseTable<>(services, format);
    }

    @Override
    protected void add(T row) throws IOException {
        table.encode(row, chunk);
        rows++;
        if (chunk.size() >= CHUNK_BYTES) {
            stageChunk();
        }
    }

    @Override
    protected int batchRows() {
        return rows;
    }

    @Override
    protected boolean batchFull() {
        return stagedBytes + chunk.size() >= maxBytes;
    }

    @Override
    protected void sendBatch() throws Exception {
        stageChunk();
        table.insert(staged, stagedBytes);
    }

    @Override
    protected void clearBatch() throws IOException {
        staged.truncate(0); // also moves the position back to 0
        stagedBytes = 0;
        rows = 0;
    }

    private void stageChunk() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(chunk.buffer(), 0, chunk.size());
        while (bytes.hasRemaining()) {
            stagedBytes += staged.write(bytes);
        }
        chunk.clear();
    }

    @Override
    protected String destination() {
        return table.destination();
    }

    @Override
    public void close() throws IOException {
        try {
            table.close();
        } finally {
            staged.close();
        }
    }
}
