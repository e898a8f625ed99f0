package io.faultwatch.bench;

import io.faultwatch.gateway.RecordProducer;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.SentryEventConverter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the Kafka records the gateway would produce for a sample of the load generator's events,
 * one per line, as a {@code --payload-file} for Kafka's ProducerPerformance, and the gateway's
 * producer settings as its {@code --producer.config}, and prints the records' average size. The
 * raw-producer baseline then sends the same bytes the gateway sends, batched and acknowledged as
 * the gateway's producer does.
 *
 * <p>Arguments: records file, producer config file, record count, project id, [mix] (default
 * java=50,node=30,python=20).
 */
public final class BaselineRecords {
    private BaselineRecords() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BaselineRecords <records-file> <producer-config-file> <count> <project-id>"
                    + " [java=50,node=30,python=20]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[2]);
        long projectId = Long.parseLong(args[3]);
        String mix = args.length > 4 ? args[4] : "java=50,node=30,python=20";
        List<byte[]> records = records(count, projectId, mix);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (byte[] record : records) {
                out.write(record);
                out.write('\n');
            }
        }
        Files.writeString(Path.of(args[1]), producerProperties());
        System.out.printf("%.0f%n", records.stream().mapToInt(r -> r.length).average().orElse(0));
    }

    /** The gateway's delivery settings, a {@code key=value} line each, sorted. */
    static String producerProperties() {
        return new TreeMap<>(RecordProducer.deliverySettings()).entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue() + "\n")
                .collect(Collectors.joining());
    }

    /** Canonical records, converted the way the gateway converts an envelope's event item. */
    static List<byte[]> records(int count, long projectId, String mix) throws InvalidEventException, IOException {
        SentryEventFactory factory = new SentryEventFactory(7, "0".repeat(32), Instant.now());
        List<byte[]> records = new ArrayList<>(count);
        for (EnvelopeTemplate template : factory.mixed(count, LoadConfig.mix(mix))) {
            byte[] eventId = EventIds.random(new java.util.Random(records.size())).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Envelope envelope = Envelope.parse(template.body(eventId));
            for (Envelope.Item item : envelope.items()) {
                if (item.type().equals("event")) {
                    records.add(EventJson.toBytes(SentryEventConverter.convert(item.payload(), projectId,
                            System.currentTimeMillis(), envelope.eventId())));
                }
            }
        }
        return records;
    }
}
