package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.Combiner;
import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Combines records for up to {@code interval} before they cross a shuffle ({@link Combiner}): the
 * metrics per key and minute ahead of the minute windows, an issue's events ahead of the issue tracker.
 * The keyed operators behind then read and write their RocksDB state once per key and interval instead
 * of once per event: in the pipeline benchmark (7,000–9,500 events a second on each instance) the
 * windows' thread went from 10 µs per event to 1.5–5, the issue tracker's from 10 to 2.5.
 *
 * <p>Holds nothing across a checkpoint, so it needs no state: everything held goes downstream before
 * each checkpoint barrier and before each watermark, so a record reaches the keyed operator ahead of
 * every watermark that followed it here and is exactly as late there as it was without this operator.
 * Sent also every {@code interval}, and as soon as the combiner holds {@code maxHeld}.
 */
public class Combine<IN, OUT> extends AbstractStreamOperator<OUT> implements OneInputStreamOperator<IN, OUT> {

    private final long intervalMs;
    private final int maxHeld;
    private final SerializableSupplier<? extends Combiner<IN, OUT>> newCombiner;
    private transient Combiner<IN, OUT> combiner;
    private transient StreamRecord<OUT> reused;

    public Combine(Duration interval, int maxHeld, SerializableSupplier<? extends Combiner<IN, OUT>> newCombiner) {
        this.intervalMs = interval.toMillis();
        this.maxHeld = maxHeld;
        this.newCombiner = newCombiner;
    }

    @Override
    public void open() throws Exception {
        super.open();
        combiner = newCombiner.get();
        reused = new StreamRecord<>(null);
        scheduleSend();
    }

    @Override
    public void processElement(StreamRecord<IN> element) {
        combiner.add(element.getValue());
        if (combiner.size() >= maxHeld) {
            send();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        send();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        send();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        send();
        super.finish();
    }

    private void scheduleSend() {
        var time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime() + intervalMs, firedAt -> {
            send();
            scheduleSend();
        });
    }

    private void send() {
        for (OUT combined : combiner.drain()) {
            output.collect(reused.replace(combined, combiner.timestampOf(combined)));
        }
    }
}
