package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.DeadLetter;
import io.faultwatch.jobs.Fingerprinter;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.Grouping;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses a record of the events topic and fingerprints it. A record that is not an event goes to
 * {@link #DEAD_LETTERS} with the reason and is counted: bad input must never fail the job.
 *
 * <p>Parsing and fingerprinting share one operator so the parsed event, whose immutable
 * collections Flink could only copy with Kryo, never crosses an operator boundary.
 */
public class ParseEventFunction extends ProcessFunction<byte[], GroupedEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<GroupedEvent> out) {
        ErrorEvent event;
        try {
            event = EventJson.fromBytes(record == null ? new byte[0] : record);
        } catch (Exception e) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record == null ? new byte[0] : record, reason(e)));
            return;
        }
        Grouping grouping = Fingerprinter.group(event);
        out.collect(new GroupedEvent(event.eventId(), event.projectId(), event.receivedAt(),
                Fingerprinter.levelOf(event), grouping.fingerprint(), grouping.title(), grouping.culprit()));
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        // Jackson appends the whole source location; the first line says what is wrong.
        return message.lines().findFirst().orElse(message);
    }
}
