package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.GroupedEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's events incrementally, so a window keeps one number instead of its events. */
public class CountEvents implements AggregateFunction<GroupedEvent, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(GroupedEvent event, Long count) {
        return count + 1;
    }

    @Override
    public Long getResult(Long count) {
        return count;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}
