package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records crossing operators or held in state must be POJOs to Flink: Kryo is slow and cannot evolve. */
class FlinkTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {GroupedEvent.class, IssueAggregate.class, IssueRow.class, MinuteCount.class,
            DeadLetter.class})
    void isSerializedAsAPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    }
}
