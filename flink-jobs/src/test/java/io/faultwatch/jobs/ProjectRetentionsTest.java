package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.ProjectRetentions.Retention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectRetentionsTest {

    private long now = 1_000_000;
    private final Map<Long, Retention> table = new HashMap<>(Map.of(1L, new Retention(7, 3)));
    private final List<Long> loads = new ArrayList<>();
    private boolean down;

    private final ProjectRetentions retentions = new ProjectRetentions(() -> {
        loads.add(now);
        if (down) {
            throw new IllegalStateException("connection refused");
        }
        return Map.copyOf(table);
    }, () -> now);

    @Test
    void readsOnceAndRefreshesEveryMinute() {
        assertThat(retentions.of(1)).isEqualTo(new Retention(7, 3));
        table.put(1L, new Retention(30, 10));
        now += ProjectRetentions.REFRESH_MS - 1;
        assertThat(retentions.of(1)).isEqualTo(new Retention(7, 3));

        now += 1;
        assertThat(retentions.of(1)).isEqualTo(new Retention(30, 10));
        assertThat(loads).hasSize(2);
    }

    @Test
    void anUnknownProjectGetsTheDefaultsAndIsLookedForAgainSoon() {
        retentions.of(1);
        table.put(2L, new Retention(14, 14));

        assertThat(retentions.of(2)).isEqualTo(ProjectRetentions.DEFAULT);
        now += ProjectRetentions.MISS_RETRY_MS;
        assertThat(retentions.of(2)).isEqualTo(new Retention(14, 14));
    }

    @Test
    void keepsTheLastKnownValuesWhenPostgresIsDown() {
        retentions.of(1);
        down = true;
        now += ProjectRetentions.REFRESH_MS;

        assertThat(retentions.of(1)).isEqualTo(new Retention(7, 3));
        assertThat(retentions.of(9)).isEqualTo(ProjectRetentions.DEFAULT);
        assertThat(loads).as("no retry storm: one attempt per retry interval").hasSize(2);
    }
}
