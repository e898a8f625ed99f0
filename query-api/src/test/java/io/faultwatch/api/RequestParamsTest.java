package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParamsTest {

    @Test
    void projectIdAcceptsPositiveIntegers() {
        assertThat(RequestParams.projectId("1")).isEqualTo(1L);
        assertThat(RequestParams.projectId("1000042")).isEqualTo(1_000_042L);
        assertThat(RequestParams.projectId("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "-1", "0", "1.5", " 1", "1e3", "+1", "9999999999999999999"})
    void projectIdRejectsAnythingElse(String raw) {
        assertThatThrownBy(() -> RequestParams.projectId(raw))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_parameter");
                    assertThat(e.field()).isEqualTo("id");
                    assertThat(e.getMessage()).startsWith("id must be a positive integer, got ");
                });
    }

    @Test
    void issueIdIsValidatedLikeAProjectIdUnderItsOwnName() {
        assertThat(RequestParams.issueId("17")).isEqualTo(17L);
        assertThatThrownBy(() -> RequestParams.issueId("0")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("issue_id");
            assertThat(e.getMessage()).isEqualTo("issue_id must be a positive integer, got '0'");
        });
    }

    @Test
    void limitDefaultsAndBounds() {
        assertThat(RequestParams.limit(null)).isEqualTo(100);
        assertThat(RequestParams.limit("1")).isEqualTo(1);
        assertThat(RequestParams.limit("1000")).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1001", "-5", "ten", "99999999999", "2.0"})
    void limitRejectsOutOfRangeOrNonInteger(String raw) {
        assertThatThrownBy(() -> RequestParams.limit(raw))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.field()).isEqualTo("limit");
                    assertThat(e.getMessage()).isEqualTo("limit must be an integer between 1 and 1000, got '" + raw + "'");
                });
    }

    @Test
    void instantAcceptsIsoAndEpochSecondsTruncatedToSeconds() {
        Instant expected = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(RequestParams.instant("since", "2026-11-22T10:00:00Z")).isEqualTo(expected);
        assertThat(RequestParams.instant("since", "2026-11-22T11:00:00+01:00")).isEqualTo(expected);
        assertThat(RequestParams.instant("since", "2026-11-22T10:00:00.999Z")).isEqualTo(expected);
        assertThat(RequestParams.instant("since", String.valueOf(expected.getEpochSecond()))).isEqualTo(expected);
        assertThat(RequestParams.instant("since", "0")).isEqualTo(Instant.EPOCH);
        assertThat(RequestParams.instant("until", null)).isNull();
    }

    @Test
    void instantRejectionNamesTheFieldAndValue() {
        assertThatThrownBy(() -> RequestParams.instant("since", "abc"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.field()).isEqualTo("since");
                    assertThat(e.getMessage())
                            .isEqualTo("since must be an ISO-8601 instant or epoch seconds, got 'abc'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "2026-11-22", "2026-11-22T10:00:00", "1.5", "yesterday", "99999999999"})
    void instantRejectsMalformedOrOutOfRange(String raw) {
        assertThatThrownBy(() -> RequestParams.instant("until", raw))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("until"));
    }

    @Test
    void instantRejectsWhatClickHouseDateTimeCannotHold() {
        assertThatThrownBy(() -> RequestParams.instant("until", "2200-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("until must be between 1970-01-01T00:00:00Z and 2106-02-07T06:28:15Z,"
                                + " got '2200-01-01T00:00:00Z'"));
    }

    @Test
    void longBadValuesAreCutInMessages() {
        String huge = "x".repeat(5000);
        assertThatThrownBy(() -> RequestParams.instant("since", huge))
                .hasMessage("since must be an ISO-8601 instant or epoch seconds, got '" + "x".repeat(100) + "...'");
    }

    @Test
    void fingerprintIsOptionalButNotEmptyOrHuge() {
        assertThat(RequestParams.fingerprint(null)).isNull();
        assertThat(RequestParams.fingerprint("a' OR 1=1 --")).isEqualTo("a' OR 1=1 --");
        assertThatThrownBy(() -> RequestParams.fingerprint(""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("fingerprint"));
        assertThatThrownBy(() -> RequestParams.fingerprint("f".repeat(1025)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("fingerprint"));
    }

    @Test
    void namesAreOptionalAndBounded() {
        assertThat(RequestParams.name("environment", null)).isNull();
        assertThat(RequestParams.name("release", "shop@1.4.2")).isEqualTo("shop@1.4.2");
        assertThatThrownBy(() -> RequestParams.name("source", "")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("source");
            assertThat(e.getMessage()).isEqualTo("source must be 1 to 200 characters long");
        });
        assertThatThrownBy(() -> RequestParams.name("release", "x".repeat(201))).isInstanceOf(ApiException.class);
    }

    @Test
    void levelsAreSentrysFive() {
        assertThat(RequestParams.level(null)).isNull();
        assertThat(RequestParams.level("warning")).isEqualTo("warning");
        assertThatThrownBy(() -> RequestParams.level("warn")).isInstanceOfSatisfying(ApiException.class, e ->
                assertThat(e.getMessage()).isEqualTo("level must be one of fatal, error, warning, info, debug, got 'warn'"));
    }

    @Test
    void limitsHaveTheirRoutesDefaultAndMaximum() {
        assertThat(RequestParams.limit(null, 50, 100)).isEqualTo(50);
        assertThat(RequestParams.limit("100", 50, 100)).isEqualTo(100);
        assertThatThrownBy(() -> RequestParams.limit("101", 50, 100)).isInstanceOfSatisfying(ApiException.class, e ->
                assertThat(e.getMessage()).isEqualTo("limit must be an integer between 1 and 100, got '101'"));
    }

    @Test
    void optionalIdsAreNullOrPositive() {
        assertThat(RequestParams.optionalId("project", null)).isNull();
        assertThat(RequestParams.optionalId("project", "12")).isEqualTo(12L);
        assertThatThrownBy(() -> RequestParams.optionalId("issue", "x")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.field()).isEqualTo("issue"));
    }

    @Test
    void aCursorIsAnEventTimeAndId() {
        assertThat(EventCursor.parse("1795000000123:ab12cd")).isEqualTo(new EventCursor(1_795_000_000_123L, "ab12cd"));
        assertThat(EventCursor.parse("1795000000123:ab12cd").toString()).isEqualTo("1795000000123:ab12cd");
        assertThat(EventCursor.parse(null)).isNull();
        assertThatThrownBy(() -> EventCursor.parse("1:x' OR 1=1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("cursor");
            assertThat(e.getMessage()).isEqualTo("cursor must be the next_cursor of a previous page, got '1:x' OR 1=1'");
        });
    }
}
