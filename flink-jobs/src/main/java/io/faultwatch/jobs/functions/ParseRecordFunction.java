package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads the records of an input topic. A record that cannot be read goes to {@link #DEAD_LETTERS} with
 * the reason and is counted: bad input must never fail the job.
 */
public abstract class ParseRecordFunction<T> extends ProcessFunction<byte[], T> {

    /** Unreadable records of every input topic. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** What a record should have been, for the dead letter's reason ("not an event: ..."). */
    private final String expected;
    private transient Counter deadLetters;

    protected ParseRecordFunction(String expected) {
        this.expected = expected;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<T> out) {
        T parsed;
        try {
            parsed = parse(record == null ? new byte[0] : record);
        } catch (Exception e) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, "not " + expected, e));
            return;
        }
        out.collect(parsed);
    }

    /** The record read. */
    protected abstract T parse(byte[] record) throws Exception;
}
