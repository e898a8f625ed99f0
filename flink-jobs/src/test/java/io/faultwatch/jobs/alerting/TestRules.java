package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import java.util.List;
import java.util.Map;

/** Alert rules and signals for the tests: a rule with defaults, changed one field at a time. */
public final class TestRules {

    public static final long PROJECT = 7;

    private TestRules() {}

    /** Rule 1 of {@link #PROJECT}: the kind over a 60 s window, threshold 10, resolve at 5, interval 30 min. */
    public static Builder rule(AlertKind kind) {
        return new Builder(kind);
    }

    public static AlertSignal event(long receivedAt, String fingerprint, Map<String, String> tags) {
        return new AlertSignal(AlertSignal.Type.EVENT, PROJECT, receivedAt, fingerprint, "Error " + fingerprint,
                "production", "error", tags, 1, 0);
    }

    public static AlertSignal event(long receivedAt) {
        return event(receivedAt, "f1", Map.of());
    }

    public static AlertSignal sessions(long receivedAt, long started, long errored) {
        return new AlertSignal(AlertSignal.Type.SESSIONS, PROJECT, receivedAt, null, null, "production", null,
                Map.of(), started, errored);
    }

    public static AlertSignal lifecycle(AlertSignal.Type type, long receivedAt, String fingerprint) {
        return new AlertSignal(type, PROJECT, receivedAt, fingerprint, "Error " + fingerprint, "production", "error",
                Map.of(), 1, 0);
    }

    public static final class Builder {
        long id = 1;
        long version = 1;
        final AlertKind kind;
        boolean enabled = true;
        long windowSeconds = 60;
        double threshold = 10;
        double resolveThreshold = 5;
        boolean perIssue;
        String environment;
        String level;
        String issue;
        Map<String, String> tags = Map.of();
        int baselineWindows = 3;
        long minCount = 1;
        String rateSource = AlertRule.RATE_ERRORS_PER_MINUTE;
        Map<String, String> failureTags = Map.of();
        long actionIntervalSeconds = 1800;
        Long snoozedUntil;
        Long mutedUntil;

        Builder(AlertKind kind) {
            this.kind = kind;
        }

        public Builder id(long value) { id = value; return this; }
        public Builder version(long value) { version = value; return this; }
        public Builder enabled(boolean value) { enabled = value; return this; }
        public Builder window(long seconds) { windowSeconds = seconds; return this; }
        public Builder thresholds(double fire, double resolve) { threshold = fire; resolveThreshold = resolve; return this; }
        public Builder perIssue() { perIssue = true; return this; }
        public Builder environment(String value) { environment = value; return this; }
        public Builder level(String value) { level = value; return this; }
        public Builder issue(String value) { issue = value; return this; }
        public Builder tags(Map<String, String> value) { tags = value; return this; }
        public Builder baseline(int windows, long min) { baselineWindows = windows; minCount = min; return this; }
        public Builder minCount(long value) { minCount = value; return this; }
        public Builder rateSource(String value) { rateSource = value; return this; }
        public Builder failureTags(Map<String, String> value) { failureTags = value; return this; }
        public Builder actionInterval(long seconds) { actionIntervalSeconds = seconds; return this; }
        public Builder snoozedUntil(Long value) { snoozedUntil = value; return this; }
        public Builder mutedUntil(Long value) { mutedUntil = value; return this; }

        public AlertRule build() {
            return new AlertRule(id, PROJECT, version, kind.wireName() + " rule", kind, enabled, windowSeconds,
                    threshold, resolveThreshold, perIssue, environment, level, issue, tags, baselineWindows, minCount,
                    rateSource, failureTags, actionIntervalSeconds,
                    List.of(new AlertChannel(AlertChannel.Type.WEBHOOK, "http://127.0.0.1:1/hook")), snoozedUntil,
                    mutedUntil, 0);
        }
    }
}
