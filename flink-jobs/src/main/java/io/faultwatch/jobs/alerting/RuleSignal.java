package io.faultwatch.jobs.alerting;

/**
 * A signal routed to one rule it applies to, keyed by the rule (a rule belongs to one project, so the
 * rule id is the rule and project key).
 *
 * @param group the issue (fingerprint) of a per-issue or lifecycle rule, else {@link RuleMatcher#PROJECT}
 */
public record RuleSignal(long ruleId, String group, AlertSignal signal) {}
