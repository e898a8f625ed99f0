package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.SentryEventConverter;
import io.faultwatch.testing.WireSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SentryEventFactoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @ParameterizedTest
    @EnumSource(SdkProfile.class)
    void envelopesParseAndConvertWithTheEventIdOfEachRequest(SdkProfile profile) throws Exception {
        SentryEventFactory factory = new SentryEventFactory(42, KEY, NOW);
        Random ids = new Random(1);
        for (int i = 0; i < 200; i++) {
            EnvelopeTemplate template = factory.next(profile);
            String eventId = EventIds.random(ids);
            byte[] body = template.body(eventId.getBytes(StandardCharsets.US_ASCII));

            Envelope envelope = Envelope.parse(body);
            assertThat(envelope.eventId()).isEqualTo(eventId);
            assertThat(envelope.items()).singleElement().extracting(Envelope.Item::type).isEqualTo("event");
            assertThat(MAPPER.readTree(envelope.items().get(0).payload()).get("event_id").asText()).isEqualTo(eventId);

            ErrorEvent event = SentryEventConverter.convert(envelope.items().get(0).payload(), 1_000_001, NOW.toEpochMilli(),
                    envelope.eventId());
            assertThat(event.eventId()).isEqualTo(eventId);
            assertThat(event.platform()).isEqualTo(profile.platform());
            assertThat(event.exceptions()).isNotEmpty().allSatisfy(e -> assertThat(e.frames()).isNotEmpty());
            assertThat(event.user().id()).startsWith("user-");
            assertThat(event.tags()).containsKeys("feature", "tier", "region");
            assertThat(event.release()).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(SdkProfile.class)
    void envelopesAreOneToFiveKilobytesDecompressedAndSpreadOverTheRange(SdkProfile profile) {
        SentryEventFactory factory = new SentryEventFactory(3, KEY, NOW);
        Set<Integer> buckets = new HashSet<>();
        long total = 0;
        for (int i = 0; i < 500; i++) {
            int size = factory.next(profile).size();
            assertThat(size).isBetween(SentryEventFactory.MIN_BYTES, SentryEventFactory.MAX_BYTES);
            buckets.add(size / 512);
            total += size;
        }
        assertThat(buckets).as("512-byte buckets hit").hasSizeGreaterThanOrEqualTo(5);
        assertThat(total / 500).as("average size").isBetween(2000L, 4000L);
    }

    @ParameterizedTest
    @EnumSource(SdkProfile.class)
    void wireBodyIsGzipForJavaAndPythonAndPlainForNodeAndRoundTrips(SdkProfile profile) throws IOException {
        EnvelopeTemplate template = new SentryEventFactory(5, KEY, NOW).next(profile);
        for (String id : List.of("a".repeat(32), "0123456789abcdef0123456789abcdef", "f".repeat(32))) {
            byte[] body = template.body(id.getBytes(StandardCharsets.US_ASCII));
            byte[] wire = template.wireBody(body);
            if (profile.gzip()) {
                assertThat(wire.length).isLessThan(body.length);
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
                    assertThat(in.readAllBytes()).isEqualTo(body);
                }
            } else {
                assertThat(wire).isEqualTo(body);
            }
        }
    }

    @Test
    void framingFollowsEachSdk() throws Exception {
        SentryEventFactory factory = new SentryEventFactory(9, KEY, NOW);
        for (SdkProfile profile : SdkProfile.values()) {
            byte[] body = factory.next(profile).body("b".repeat(32).getBytes(StandardCharsets.US_ASCII));
            Envelope envelope = Envelope.parse(body);
            assertThat(envelope.items().get(0).header().has("length")).as(profile + " item length").isEqualTo(profile.itemLength());
            assertThat(body[body.length - 1] == '\n').as(profile + " trailing newline").isEqualTo(profile.trailingNewline());
        }
    }

    /** The generated events use the same top-level fields as what the real SDKs sent. */
    @Test
    void topLevelFieldsMatchTheCapturedSdkEvents() throws Exception {
        SentryEventFactory factory = new SentryEventFactory(11, KEY, NOW);
        for (Map.Entry<SdkProfile, String> sample : Map.of(SdkProfile.JAVA, "java-exception", SdkProfile.NODE, "js-exception")
                .entrySet()) {
            JsonNode captured = MAPPER.readTree(WireSamples.eventItem(sample.getValue()).payload());
            JsonNode generated = MAPPER.readTree(
                    Envelope.parse(factory.next(sample.getKey()).body("c".repeat(32).getBytes(StandardCharsets.US_ASCII)))
                            .items().get(0).payload());
            assertThat(fieldNames(generated)).as(sample.getValue()).containsAll(fieldNames(captured));
        }
    }

    @Test
    void sameSeedSameEnvelopesAndMixFollowsWeights() {
        List<EnvelopeTemplate> first = new SentryEventFactory(1, KEY, NOW).mixed(50, Map.of(SdkProfile.NODE, 1, SdkProfile.PYTHON, 1));
        List<EnvelopeTemplate> second = new SentryEventFactory(1, KEY, NOW).mixed(50, Map.of(SdkProfile.NODE, 1, SdkProfile.PYTHON, 1));
        byte[] id = "d".repeat(32).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).body(id)).isEqualTo(second.get(i).body(id));
        }
        assertThat(first).extracting(EnvelopeTemplate::profile).contains(SdkProfile.NODE, SdkProfile.PYTHON)
                .doesNotContain(SdkProfile.JAVA);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
