package io.faultwatch.jobs.alerting;

import static io.faultwatch.jobs.alerting.TestRules.event;
import static io.faultwatch.jobs.alerting.TestRules.lifecycle;
import static io.faultwatch.jobs.alerting.TestRules.rule;
import static io.faultwatch.jobs.alerting.TestRules.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMatcherTest {

    @ParameterizedTest
    @CsvSource({"5xx, 503, true", "5xx, 200, false", "5xx, 5000, false", "5xx, 50a, false", "eu-*, eu-west-1, true",
            "eu-*, us-east-1, false", "*-1, eu-west-1, true", "checkout, checkout, true", "checkout, checkouts, false",
            "x, 7, true", "x, y, false"})
    void tagPatterns(String pattern, String value, boolean matches) {
        assertThat(TagPattern.matches(pattern, value)).isEqualTo(matches);
    }

    @Test
    void filtersOnEnvironmentLevelIssueAndTags() {
        AlertRule filtered = rule(AlertKind.EVENT_COUNT).environment("production").level("error").issue("f1")
                .tags(Map.of("region", "eu-*")).build();

        assertThat(RuleMatcher.applies(filtered, event(1, "f1", Map.of("region", "eu-west-1")))).isTrue();
        assertThat(RuleMatcher.applies(filtered, event(1, "f2", Map.of("region", "eu-west-1")))).isFalse();
        assertThat(RuleMatcher.applies(filtered, event(1, "f1", Map.of("region", "us-east-1")))).isFalse();
        assertThat(RuleMatcher.applies(filtered, event(1, "f1", Map.of()))).as("a missing tag").isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.EVENT_COUNT).environment("staging").build(), event(1))).isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.EVENT_COUNT).level("fatal").build(), event(1))).isFalse();
    }

    @Test
    void eachKindTakesItsSignals() {
        AlertSignal newIssue = lifecycle(AlertSignal.Type.NEW_ISSUE, 1, "f");
        AlertSignal regression = lifecycle(AlertSignal.Type.REGRESSION, 1, "f");
        AlertRule sessionRate = rule(AlertKind.ERROR_RATE).rateSource(AlertRule.RATE_FROM_SESSIONS).build();

        assertThat(RuleMatcher.applies(rule(AlertKind.EVENT_COUNT).build(), event(1))).isTrue();
        assertThat(RuleMatcher.applies(rule(AlertKind.EVENT_COUNT).build(), newIssue)).isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.NEW_ISSUE).build(), newIssue)).isTrue();
        assertThat(RuleMatcher.applies(rule(AlertKind.NEW_ISSUE).build(), regression)).isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.REGRESSION).build(), regression)).isTrue();
        assertThat(RuleMatcher.applies(sessionRate, sessions(1, 1, 0))).isTrue();
        assertThat(RuleMatcher.applies(sessionRate, event(1))).isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.ERROR_RATE).build(), event(1))).isTrue();
        assertThat(RuleMatcher.applies(rule(AlertKind.ERROR_RATE).build(), sessions(1, 1, 0))).isFalse();
        assertThat(RuleMatcher.applies(rule(AlertKind.EVENT_COUNT).enabled(false).build(), event(1))).isFalse();
    }

    @Test
    void groupsByIssueOnlyWhenAskedOrForLifecycleKinds() {
        assertThat(RuleMatcher.group(rule(AlertKind.EVENT_COUNT).build(), event(1))).isEqualTo(RuleMatcher.PROJECT);
        assertThat(RuleMatcher.group(rule(AlertKind.EVENT_COUNT).perIssue().build(), event(1))).isEqualTo("f1");
        assertThat(RuleMatcher.group(rule(AlertKind.NEW_ISSUE).build(), lifecycle(AlertSignal.Type.NEW_ISSUE, 1, "f")))
                .isEqualTo("f");
    }
}
