package io.faultwatch.jobs.functions;

import io.faultwatch.jobs.alerting.AlertRuleChange;
import io.faultwatch.model.AlertRule;
import io.faultwatch.model.RecordJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted rules topic: key = rule id, value = the rule, or no value (a tombstone) when it was
 * deleted. A record that is not a rule is logged and skipped: one bad rule must not stop alerting.
 */
public class AlertRuleDeserializer implements KafkaRecordDeserializationSchema<AlertRuleChange> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRuleDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AlertRuleChange> out) {
        long ruleId;
        try {
            ruleId = Long.parseLong(new String(record.key(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("Skipped a record of {} at offset {}: its key is not a rule id", record.topic(), record.offset());
            return;
        }
        if (record.value() == null) {
            out.collect(new AlertRuleChange(ruleId, null));
            return;
        }
        try {
            AlertRule rule = RecordJson.fromBytes(record.value(), AlertRule.class);
            if (rule.id() != ruleId || rule.kind() == null) {
                throw new IOException("the rule does not match its key " + ruleId + " or has no kind");
            }
            out.collect(new AlertRuleChange(ruleId, rule));
        } catch (IOException e) {
            LOG.warn("Skipped rule {} at offset {} of {}: {}", ruleId, record.offset(), record.topic(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<AlertRuleChange> getProducedType() {
        return TypeInformation.of(AlertRuleChange.class);
    }
}
