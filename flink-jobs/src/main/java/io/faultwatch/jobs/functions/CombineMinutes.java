package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.MetricEvent;
import io.faultwatch.jobs.PartialMinutes;
import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the metric records of each key and minute for up to {@code interval} before they cross the
 * shuffle to the minute windows: the windows then read and write their RocksDB state once per key and
 * interval rather than once per event (in the benchmark, about 1,800 keys a minute took 7,000 events a
 * second on each instance).
 *
 * <p>Holds nothing across a checkpoint, so it needs no state: everything held goes downstream before
 * each checkpoint barrier and before each watermark, so a record reaches the windows ahead of every
 * watermark that followed it here and is exactly as late there as it was without this operator. Sent
 * also every {@code interval}, and when {@code maxSlots} keys and minutes are held.
 */
public class CombineMinutes extends AbstractStreamOperator<MetricEvent>
        implements OneInputStreamOperator<MetricEvent, MetricEvent> {

    private final long intervalMs;
    private final int maxSlots;
    private transient PartialMinutes partials;
    private transient StreamRecord<MetricEvent> reused;

    public CombineMinutes(Duration interval, int maxSlots) {
        this.intervalMs = interval.toMillis();
        this.maxSlots = maxSlots;
    }

    @Override
    public void open() throws Exception {
        super.open();
        partials = new PartialMinutes();
        reused = new StreamRecord<>(null);
        scheduleSend();
    }

    @Override
    public void processElement(StreamRecord<MetricEvent> element) {
        partials.add(element.getValue());
        if (partials.size() >= maxSlots) {
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

    /** The time of a combined record is the minute it is counted in, as each of its parts had it. */
    private void send() {
        for (MetricEvent combined : partials.drain()) {
            output.collect(reused.replace(combined, combined.countedAt()));
        }
    }
}
