package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertKind;
import io.faultwatch.model.AlertRule;
import java.util.Map;

/** Which signals a rule looks at, and under which group (issue or whole project) it counts them. */
public final class RuleMatcher {

    /** The group of a project-wide rule. */
    public static final String PROJECT = "";

    private RuleMatcher() {}

    public static boolean applies(AlertRule rule, AlertSignal signal) {
        if (!rule.enabled() || rule.projectId() != signal.projectId() || !takes(rule, signal.type())) {
            return false;
        }
        if (rule.environment() != null && !rule.environment().equals(signal.environment())) {
            return false;
        }
        if (signal.type() == AlertSignal.Type.SESSIONS) {
            // Sessions have an environment and a release, nothing else to filter on.
            return true;
        }
        if (rule.level() != null && !rule.level().equals(signal.level())) {
            return false;
        }
        if (rule.issue() != null && !rule.issue().equals(signal.fingerprint())) {
            return false;
        }
        return tagsMatch(rule.tags(), signal.tags());
    }

    /** Every pattern has a matching tag. */
    static boolean tagsMatch(Map<String, String> patterns, Map<String, String> tags) {
        for (Map.Entry<String, String> pattern : patterns.entrySet()) {
            if (!TagPattern.matches(pattern.getValue(), tags.get(pattern.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public static String group(AlertRule rule, AlertSignal signal) {
        return rule.perIssue() || rule.kind().isLifecycle() ? signal.fingerprint() : PROJECT;
    }

    private static boolean takes(AlertRule rule, AlertSignal.Type type) {
        AlertKind kind = rule.kind();
        return switch (type) {
            case EVENT -> kind == AlertKind.EVENT_COUNT || kind == AlertKind.SPIKE
                    || kind == AlertKind.CONSECUTIVE_FAILURES || (kind == AlertKind.ERROR_RATE && !rule.ratesSessions());
            case SESSIONS -> rule.ratesSessions();
            case NEW_ISSUE -> kind == AlertKind.NEW_ISSUE;
            case REGRESSION -> kind == AlertKind.REGRESSION;
        };
    }
}
