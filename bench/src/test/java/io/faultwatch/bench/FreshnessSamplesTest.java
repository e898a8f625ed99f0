package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.bench.FreshnessSamples.Received;
import io.faultwatch.bench.FreshnessSamples.RowVersion;
import io.faultwatch.bench.FreshnessSamples.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessSamplesTest {

    @Test
    void eachEventIsFreshWhenTheFirstRowVersionCountingItWasWritten() {
        List<Received> events = List.of(new Received("a", 1_000), new Received("a", 1_100), new Received("a", 1_200),
                new Received("b", 1_050));
        // Issue a: written with 1 event at 1,300, then (two writes between polls) with 3 at 1,900.
        List<RowVersion> versions = List.of(new RowVersion("a", 3, 1_900), new RowVersion("a", 1, 1_300),
                new RowVersion("b", 1, 1_250));

        assertThat(FreshnessSamples.of(versions, events)).containsExactlyInAnyOrder(
                new Sample(1_000, 300), new Sample(1_100, 800), new Sample(1_200, 700), new Sample(1_050, 200));
    }

    @Test
    void anEventNoPolledVersionCountsHasNoSample() {
        List<Received> events = List.of(new Received("a", 1_000), new Received("a", 1_100));

        assertThat(FreshnessSamples.of(List.of(new RowVersion("a", 1, 1_400)), events))
                .containsExactly(new Sample(1_000, 400));
    }

    @Test
    void percentilesByNearestRank() {
        List<Long> samples = List.of(5L, 1L, 4L, 2L, 3L, 10L, 7L, 6L, 9L, 8L);

        assertThat(FreshnessSamples.percentile(samples, 50)).isEqualTo(5);
        assertThat(FreshnessSamples.percentile(samples, 99)).isEqualTo(10);
        assertThat(FreshnessSamples.percentile(samples, 10)).isEqualTo(1);
    }
}
