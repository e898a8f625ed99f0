package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.jobs.alerting.AlertSignal;
import io.faultwatch.jobs.alerting.GroupState;
import io.faultwatch.jobs.alerting.RuleSignal;
import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.AlertRule;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueEvent;
import io.faultwatch.model.IssueStatus;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.faultwatch.testing.WireSamples;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records crossing operators or held in state must be POJOs to Flink: Kryo is slow and cannot evolve. */
class FlinkTypesTest {

    /** What the job runs with (pipeline.generic-types: false): no field, however deep, may need Kryo. */
    private static SerializerConfigImpl noGenericTypes() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    @ParameterizedTest
    @ValueSource(classes = {GroupedEvent.class, IssueEvents.class, ParsedEvent.class, EventRowExtras.class,
            IssueState.class, IssueAggregate.class, IssueLifecycle.class,
            IssueRow.class, IssueCommand.class, IssueEvent.class, DeadLetter.class, MetricKey.class, MetricEvent.class,
            MinuteAggregate.class, MinuteMetric.class, MetricRow.class, EventRow.class, SessionRecord.class,
            ErrorEvent.class, ErrorEvent.ExceptionInfo.class, ErrorEvent.Frame.class,
            ErrorEvent.UserInfo.class, ErrorEvent.Context.class, ErrorEvent.RequestInfo.class,
            ErrorEvent.SdkInfo.class, ErrorEvent.Breadcrumb.class, AlertRule.class, AlertChannel.class,
            AlertNotification.class, AlertSignal.class, RuleSignal.class, AlertRuleChange.class, GroupState.class})
    void isSerializedAsAPojo(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        assertThatCode(() -> info.createSerializer(noGenericTypes())).doesNotThrowAnyException();
    }

    @Test
    void issueStateSurvivesFlinkSerialization() throws Exception {
        IssueState state = IssueState.first(TestEvents.grouped(1, "f", 1_000, "error", "app@1", "production", "id:1"),
                1, 0).state().withCommand(new IssueCommand(1, "f", IssueStatus.IGNORED, 2_000, 9_000L, 5L), 10);

        assertThat(roundTrip(state, IssueState.class)).isEqualTo(state);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(noGenericTypes());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        assertThat(serializer.copy(value)).isEqualTo(value);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aFullCanonicalEventSurvivesFlinkSerialization() throws Exception {
        ErrorEvent event = SentryEventConverter.convert(WireSamples.eventItem("js-exception-in-transaction").payload(),
                42, 1_795_342_700_000L, Envelope.parse(WireSamples.envelope("js-exception-in-transaction")).eventId());

        assertThat(roundTrip(event, ErrorEvent.class)).isEqualTo(event);
        assertThat(event.contexts()).isNotEmpty();
        assertThat(event.breadcrumbs()).isNotEmpty();
    }
}
