package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts are [started, exited, errored, crashed, abnormal]. */
class SessionCountsTest {

    private static SessionRecord update(boolean init, String status, int errors) {
        return SessionRecord.update(1, 0, "app@1", "production", 0, "s", null, init, status, errors, null, 0, null);
    }

    @ParameterizedTest(name = "init={0} status={1} errors={2}")
    @CsvSource({
        "true,  ok,       0, 1 0 0 0 0, 1",
        "false, ok,       0, 0 0 0 0 0, 0",
        "false, ok,       1, 0 0 1 0 0, 2",
        "false, errored,  0, 0 0 1 0 0, 2",
        "false, exited,   0, 0 1 0 0 0, 4",
        "false, exited,   3, 0 1 1 0 0, 6",
        "true,  crashed,  0, 1 0 1 1 0, 7",
        "false, abnormal, 0, 0 0 1 0 1, 6"})
    void aFirstUpdateCountsWhatItSays(boolean init, String status, int errors, String counts, byte flags) {
        SessionCounts.Update update = SessionCounts.ofUpdate(update(init, status, errors), (byte) 0);

        assertThat(update.counts()).containsExactly(parse(counts));
        assertThat(update.flags()).isEqualTo(flags);
    }

    @Test
    void whatWasCountedIsNotCountedAgain() {
        byte all = SessionCounts.COUNTED_START | SessionCounts.COUNTED_ERROR | SessionCounts.COUNTED_END;
        SessionCounts.Update update = SessionCounts.ofUpdate(update(true, "crashed", 5), all);

        assertThat(update.isEmpty()).isTrue();
        assertThat(update.flags()).isEqualTo(all);
    }

    @Test
    void anAggregateBucketCountsEverySessionInIt() {
        SessionRecord bucket = SessionRecord.aggregate(1, 0, "app@1", "production", 0, null, 10, 3, 1, 2);
        assertThat(SessionCounts.ofAggregate(bucket)).containsExactly(16, 13, 6, 2, 1);
    }

    private static long[] parse(String counts) {
        return java.util.Arrays.stream(counts.split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
