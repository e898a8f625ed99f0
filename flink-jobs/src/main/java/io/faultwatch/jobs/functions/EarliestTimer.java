package io.faultwatch.jobs.functions;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * One processing-time timer per key, kept at or before the next time the key's state must change. A
 * later time is left for the timer to re-arm when it fires, so a key never holds more than one timer
 * however often it is scheduled. The armed time lives in the given keyed state, declared by the
 * operator in {@code open()}.
 */
final class EarliestTimer {

    private final ValueState<Long> armedAt;

    EarliestTimer(ValueState<Long> armedAt) {
        this.armedAt = armedAt;
    }

    void armAtOrBefore(long next, TimerService timers) throws IOException {
        Long armed = armedAt.value();
        if (armed != null && armed <= next) {
            return;
        }
        if (armed != null) {
            timers.deleteProcessingTimeTimer(armed);
        }
        timers.registerProcessingTimeTimer(next);
        armedAt.update(next);
    }

    /** Called first in {@code onTimer}: no timer is armed any more. */
    void fired() {
        armedAt.clear();
    }
}
