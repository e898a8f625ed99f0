package io.faultwatch.jobs.functions;

import static io.faultwatch.jobs.TestEvents.grouped;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.GroupedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class WallClockWatermarksTest {

    private long now = 100_000;
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final WallClockWatermarks<GroupedEvent> generator =
            new WallClockWatermarks<>(Duration.ofSeconds(2), Duration.ofSeconds(5), () -> now);

    @Test
    void followsEventsWithBoundedOutOfOrderness() {
        generator.onEvent(grouped(1, "a", 90_000, "error"), 90_000, output);
        generator.onEvent(grouped(1, "a", 95_000, "error"), 95_000, output);
        generator.onEvent(grouped(1, "a", 93_000, "error"), 93_000, output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(92_999L);
    }

    @Test
    void emitsNothingBeforeTheFirstEventUntilIdle() {
        generator.onPeriodicEmit(output);
        now += 4_000;
        generator.onPeriodicEmit(output);
        assertThat(emitted).isEmpty();

        now += 1_000;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(now - 2_001);
    }

    @Test
    void followsTheWallClockWhenEventsStopAndNeverGoesBack() {
        generator.onEvent(grouped(1, "a", now, "error"), now, output);
        generator.onPeriodicEmit(output);
        now += 10_000;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(97_999L, 107_999L);

        // An event received long ago must not move the watermark back.
        generator.onEvent(grouped(1, "a", 101_000, "error"), 101_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(97_999L, 107_999L);
    }
}
