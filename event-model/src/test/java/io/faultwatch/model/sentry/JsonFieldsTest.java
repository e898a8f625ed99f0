package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read ISO-8601 timestamps against the date formats they spare the common case. */
class JsonFieldsTest {

    @Test
    void theSdksFormsGiveWhatTheDateFormatsGive() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-22T10:16:55.719Z", "2026-11-22T10:16:55Z", "2026-11-22T10:16:55.719123Z",
                "2026-11-22T10:16:55.123456789Z", "2026-11-22T10:16:55.1Z", "2026-11-22T10:16:55",
                "2026-11-22T10:16:55.5", "2026-11-22T10:16:55+02:00", "2026-11-22T10:16:55.25-05:30",
                "2026-11-22T00:00:00-00:00", "2024-02-29T23:59:59.999+17:59", "1969-12-31T23:59:59.999Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00.0001Z"));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            texts.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextBoolean() ? "" : "." + Long.toString(Math.abs(random.nextLong())).substring(0, 1 + random.nextInt(9)),
                    switch (random.nextInt(4)) {
                        case 0 -> "Z";
                        case 1 -> "";
                        default -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(18),
                                random.nextInt(60));
                    }));
        }
        for (String text : texts) {
            Long fast = JsonFields.commonIsoMillis(text);
            Long formats = JsonFields.isoMillisByFormats(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(formats);
            } else {
                // Only impossible dates (such as 31 June) leave the hand-read path for the formats here.
                assertThat(formats).as(text).isNull();
            }
        }
    }

    @Test
    void everyOtherFormIsLeftToTheDateFormats() {
        for (String text : List.of("2026-11-22T10:16Z", "2026-11-22t10:16:55z", "2026-11-22T10:16:55.Z",
                "2026-11-22T10:16:55.1234567891Z", "2026-11-22T10:16:55+02", "2026-11-22T10:16:55+02:00:30",
                "2026-11-22T10:16:55+18:00", "+12026-11-22T10:16:55Z", "2026-11-22 10:16:55Z", "2026-02-30T10:16:55Z",
                "2026-13-01T10:16:55Z", "2026-11-22T24:00:00Z", "2026-11-22T10:60:55Z", "2026-11-22T10:16:60Z",
                "2026-11-22T10:16:55X", "2026-1a-22T10:16:55Z", "1732288800.5", "")) {
            assertThat(JsonFields.commonIsoMillis(text)).as(text).isNull();
        }
    }
}
