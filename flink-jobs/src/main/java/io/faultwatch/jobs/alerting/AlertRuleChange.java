package io.faultwatch.jobs.alerting;

import io.faultwatch.model.AlertRule;

/**
 * A record of the compacted rules topic: the rule as it is now, or its deletion (a tombstone).
 *
 * @param rule null when the rule was deleted
 */
public record AlertRuleChange(long ruleId, AlertRule rule) {

    public boolean isDeletion() {
        return rule == null;
    }
}
