package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionPolicyTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-22");

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        // A day's partition of 90-day data expires when its day ended 90 days ago.
        "error_metrics_1m,   90-20260823, true",
        "error_metrics_1m,   90-20260824, false",
        "events,             30-20261022, true",
        "events,             30-20261023, false",
        "events,             7-20261114,  true",
        // A week's partition (starting Monday) expires a week later.
        "error_metrics_1h,   90-20260817, true",
        "error_metrics_1h,   90-20260818, false",
        "session_metrics_1d, 1-20261114,  true",
        "session_metrics_1d, 1-20261115,  false"})
    void expiresAPartitionOnceAllItsRowsAreOlderThanItsRetention(String table, String partition, boolean expired) {
        assertThat(RetentionPolicy.isExpired(table, partition, TODAY)).contains(expired);
    }

    @ParameterizedTest
    @CsvSource({"error_metrics_rows, 90-20200101", "schema_migrations, tuple()", "events, 202611", "events, all"})
    void neverDropsWhatItDoesNotKnow(String table, String partition) {
        assertThat(RetentionPolicy.isExpired(table, partition, TODAY)).isEqualTo(Optional.empty());
    }
}
