package io.faultwatch.jobs;

import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Operator test harnesses as the tests start them. */
public final class Harnesses {

    private Harnesses() {}

    /** Opens the harness with its processing time at zero, so a test's times are offsets from the start. */
    public static <H extends AbstractStreamOperatorTestHarness<?>> H openedAtTimeZero(H harness) throws Exception {
        harness.setProcessingTime(0);
        harness.open();
        return harness;
    }
}
