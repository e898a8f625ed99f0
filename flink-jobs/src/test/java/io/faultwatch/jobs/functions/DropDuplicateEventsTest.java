package io.faultwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.EventRow;
import io.faultwatch.jobs.EventRowExtras;
import io.faultwatch.jobs.GroupedEvent;
import io.faultwatch.jobs.ParsedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DropDuplicateEventsTest {

    private static final Duration TTL = Duration.ofHours(24);

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private KeyedOneInputStreamOperatorTestHarness<Long, ParsedEvent, GroupedEvent> harness;

    @BeforeEach
    void open() throws Exception {
        InterceptingTaskMetricGroup taskMetrics = new InterceptingTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> variables) {
                return metrics;
            }
        };
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DropDuplicateEvents(TTL)),
                new EventProjectKeySelector(), TypeInformation.of(Long.class),
                new MockEnvironmentBuilder().setMetricGroup(taskMetrics).build());
        harness.open();
        harness.setStateTtlProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void passesEachEventIdOnceWithItsRowAndCountsTheDuplicates() throws Exception {
        harness.processElement(event(7, "a"), 0);
        harness.processElement(event(7, "a"), 0);
        harness.processElement(event(7, "b"), 0);
        harness.processElement(event(7, "a"), 0);

        assertThat(harness.extractOutputValues()).extracting(GroupedEvent::eventId).containsExactly("a", "b");
        assertThat(rows()).extracting(EventRow::eventId).containsExactly("a", "b");
        assertThat(((Counter) metrics.get(DropDuplicateEvents.DUPLICATES_METRIC)).getCount()).isEqualTo(2);
    }

    @Test
    void theSameEventIdInAnotherProjectIsAnotherEvent() throws Exception {
        harness.processElement(event(7, "a"), 0);
        harness.processElement(event(8, "a"), 0);

        assertThat(harness.extractOutputValues()).extracting(GroupedEvent::projectId).containsExactly(7L, 8L);
    }

    @Test
    void forgetsAnEventIdOnceItsTtlHasPassedSinceItWasFirstSeen() throws Exception {
        harness.processElement(event(7, "a"), 0);
        harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
        harness.processElement(event(7, "a"), 0);
        assertThat(harness.extractOutputValues()).as("still a duplicate just before the TTL").hasSize(1);

        harness.setStateTtlProcessingTime(TTL.toMillis());
        harness.processElement(event(7, "a"), 0);

        assertThat(harness.extractOutputValues()).as("a duplicate does not extend the TTL")
                .extracting(GroupedEvent::eventId).containsExactly("a", "a");
    }

    private List<EventRow> rows() {
        return harness.getSideOutput(DropDuplicateEvents.EVENT_ROWS).stream().map(StreamRecord::getValue).toList();
    }

    private static ParsedEvent event(long projectId, String eventId) {
        GroupedEvent grouped = new GroupedEvent(eventId, projectId, 1_000, "error", "f", "Error", "Culprit.run",
                null, null, null, Map.of());
        return new ParsedEvent(grouped,
                new EventRowExtras(1_000, "java", "", "", "Error", "", "", new byte[] {'{', '}'}));
    }
}
