package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.testing.WireSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {

    static Stream<String> allSamples() throws IOException {
        try (Stream<Path> files = Files.list(WireSamples.dir())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".envelope"))
                    .map(n -> n.substring(0, n.length() - ".envelope".length()))
                    .sorted()
                    .toList();
            assertThat(names).hasSizeGreaterThan(25);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void parsesEverySampleAndEveryJsonItemIsWholeJson(String name) throws Exception {
        Envelope envelope = Envelope.parse(WireSamples.envelope(name));

        assertThat(envelope.items()).isNotEmpty();
        for (Envelope.Item item : envelope.items()) {
            Long declared = item.header().has("length") ? item.header().get("length").asLong() : null;
            if (declared != null) {
                assertThat(item.payload()).hasSize(declared.intValue());
            }
            if (!item.type().equals("attachment")) {
                SentryJson.parse(item.payload(), 0, item.payload().length, name + " " + item.type());
            }
        }
    }

    @Test
    void javaEnvelopeWithLengthsAndTrailingNewline() throws Exception {
        Envelope envelope = Envelope.parse(WireSamples.envelope("java-exception"));

        assertThat(envelope.eventId()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
        assertThat(envelope.items()).extracting(Envelope.Item::type).containsExactly("event", "session");
        assertThat(envelope.items().get(0).payload()).hasSize(3135);
    }

    @Test
    void javascriptEnvelopeWithoutLengthsOrTrailingNewline() throws Exception {
        Envelope envelope = Envelope.parse(WireSamples.envelope("js-exception"));

        assertThat(envelope.items()).extracting(Envelope.Item::type).containsExactly("event");
        assertThat(new String(envelope.items().get(0).payload(), StandardCharsets.UTF_8)).startsWith("{\"exception\"");
    }

    @Test
    void attachmentsWithNewlinesAndNulBytesKeepTheirBytes() throws Exception {
        Envelope envelope = Envelope.parse(WireSamples.envelope("java-attachment"));

        assertThat(envelope.items()).extracting(Envelope.Item::type)
                .containsExactly("event", "attachment", "attachment");
        assertThat(envelope.items().get(2).payload()).containsExactly(0x00, 0x0a, 0xff, 0x0a, 0x7b, 0x0a);
    }

    @Test
    void categoriesAndQuantitiesAsSentryMetersThem() throws Exception {
        Envelope spans = Envelope.parse(WireSamples.envelope("js-spans-v2"));
        Envelope attachments = Envelope.parse(WireSamples.envelope("java-attachment"));
        Envelope checkIn = Envelope.parse(WireSamples.envelope("java-check-in"));

        assertThat(spans.items().get(0).dataCategory()).isEqualTo("span");
        assertThat(spans.items().get(0).quantity()).isEqualTo(4);
        assertThat(attachments.items()).extracting(Envelope.Item::dataCategory)
                .containsExactly("error", "attachment", "attachment");
        assertThat(attachments.items().get(2).quantity()).isEqualTo(6);
        assertThat(checkIn.items().get(0).dataCategory()).isEqualTo("monitor");
        assertThat(Envelope.parse(bytes("{}\n{\"type\":\"made_up\"}\n{}\n")).items().get(0).dataCategory()).isNull();
    }

    @Test
    void envelopeWithoutItemsIsValidAndEmpty() throws Exception {
        assertThat(Envelope.parse(bytes("{}\n")).items()).isEmpty();
        assertThat(Envelope.parse(bytes("{}")).items()).isEmpty();
    }

    @Test
    void emptyPayloadAtTheEnd() throws Exception {
        Envelope envelope = Envelope.parse(bytes("{}\n{\"type\":\"attachment\",\"length\":0}\n"));

        assertThat(envelope.items()).singleElement().satisfies(i -> assertThat(i.payload()).isEmpty());
    }

    @Test
    void declaredLengthLongerThanTheBodyIsRejected() {
        assertThatThrownBy(() -> Envelope.parse(bytes("{}\n{\"type\":\"event\",\"length\":50}\n{}\n")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("envelope item 0 (event) declares length 50 but only 3 bytes follow");
    }

    @Test
    void malformedHeadersSayWhere() {
        assertThatThrownBy(() -> Envelope.parse(bytes("{\"event_id\":\n")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("malformed JSON in envelope header at line 1");
        assertThatThrownBy(() -> Envelope.parse(bytes("{}\n{\"length\":2}\n{}\n")))
                .hasMessage("envelope item 0 header must have a string \"type\"");
        assertThatThrownBy(() -> Envelope.parse(bytes("{}\n{\"type\":\"event\",\"length\":-1}\n")))
                .hasMessage("envelope item 0 header \"length\" must be a non-negative integer");
        assertThatThrownBy(() -> Envelope.parse(bytes("[]\n")))
                .hasMessage("envelope header must be a JSON object");
        assertThatThrownBy(() -> Envelope.parse(bytes("")))
                .hasMessage("envelope header is empty");
    }

    @Test
    void headerAloneGivesTheDsn() throws Exception {
        assertThat(Envelope.parseHeader(bytes("{\"dsn\":\"http://k@h/1\"}\nnot even json")).get("dsn").asText())
                .isEqualTo("http://k@h/1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
