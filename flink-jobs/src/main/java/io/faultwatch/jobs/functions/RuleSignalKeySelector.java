package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.alerting.RuleSignal;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys routed signals by their rule. */
public class RuleSignalKeySelector implements KeySelector<RuleSignal, Long> {
    @Override
    public Long getKey(RuleSignal signal) {
        return signal.ruleId();
    }
}
