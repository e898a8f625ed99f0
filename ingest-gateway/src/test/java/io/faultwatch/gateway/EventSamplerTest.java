package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventSamplerTest {

    @Test
    void rateOneKeepsAndRateZeroDropsEveryEvent() {
        IntStream.range(0, 1_000).mapToObj(i -> randomId()).forEach(id -> {
            assertThat(EventSampler.keeps(id, 1.0)).isTrue();
            assertThat(EventSampler.keeps(id, 0.0)).isFalse();
        });
    }

    @Test
    void keepsAboutTheRateOfEvents() {
        long kept = IntStream.range(0, 20_000).mapToObj(i -> randomId()).filter(id -> EventSampler.keeps(id, 0.25)).count();
        // 20,000 draws at p = 0.25: the standard deviation is about 61, so 4,600..5,400 is over 6 of them.
        assertThat(kept).isBetween(4_600L, 5_400L);
    }

    @Test
    void theSameEventIdGetsTheSameDecisionSoRetriesAgree() {
        for (int i = 0; i < 1_000; i++) {
            String id = randomId();
            assertThat(EventSampler.keeps(id, 0.5)).isEqualTo(EventSampler.keeps(id, 0.5));
        }
    }

    @Test
    void anEventKeptAtALowRateIsKeptAtEveryHigherRate() {
        for (int i = 0; i < 1_000; i++) {
            String id = randomId();
            if (EventSampler.keeps(id, 0.1)) {
                assertThat(EventSampler.keeps(id, 0.5)).isTrue();
            }
        }
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
