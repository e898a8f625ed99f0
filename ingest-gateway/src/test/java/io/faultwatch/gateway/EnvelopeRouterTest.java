package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.Outcome;
import io.faultwatch.model.SessionRecord;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.PiiScrubber;
import io.faultwatch.testing.WireSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeRouterTest {
    private static final long PROJECT = 42;
    private static final long RECEIVED = 1_800_000_000_000L;
    private static final IngestRequest REQUEST = new IngestRequest(PROJECT, RECEIVED, ProjectSettings.DEFAULTS,
            "203.0.113.9");
    private static final EnvelopeRouter ROUTER = new EnvelopeRouter(new PiiScrubber("test-salt"), 1024 * 1024);

    static List<String> allSamples() throws IOException {
        try (Stream<Path> files = Files.list(WireSamples.dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".envelope"))
                    .map(n -> n.substring(0, n.length() - ".envelope".length())).sorted().toList();
        }
    }

    private static IngestBatch route(String sample) throws Exception {
        return ROUTER.route(Envelope.parse(WireSamples.envelope(sample)), REQUEST);
    }

    /** Every item of every captured request lands where it should; none is dropped or refused. */
    @ParameterizedTest
    @MethodSource("allSamples")
    void everySampleRoutesEveryItem(String sample) throws Exception {
        Envelope envelope = Envelope.parse(WireSamples.envelope(sample));
        IngestBatch batch = ROUTER.route(envelope, REQUEST);

        long events = count(envelope, "event");
        long sessionItems = count(envelope, "session");
        assertThat(batch.events()).hasSize((int) events);
        assertThat(batch.sessions().stream().filter(s -> s.kind().equals(SessionRecord.SESSION)))
                .hasSize((int) sessionItems);
        assertThat(batch.outcomes()).noneMatch(o -> o.outcome().equals(Outcome.INVALID));
        for (Envelope.Item item : envelope.items()) {
            assertThat(item.dataCategory()).as(sample + " " + item.type()).isNotNull();
            if (List.of("transaction", "span", "log", "check_in", "attachment").contains(item.type())) {
                assertThat(batch.outcomes()).as(sample + " " + item.type()).contains(new Outcome(PROJECT, RECEIVED,
                        item.dataCategory(), Outcome.ACCEPTED, null, item.quantity()));
            }
        }
        assertThat(batch.events()).allSatisfy(e -> {
            assertThat(e.projectId()).isEqualTo(PROJECT);
            assertThat(e.receivedAt()).isEqualTo(RECEIVED);
        });
        assertThat(batch.sessions()).allSatisfy(s -> assertThat(s.projectId()).isEqualTo(PROJECT));
        assertThat(batch.limited()).doesNotContainKey("internal");
        if (events > 0) {
            assertThat(batch.responseId()).isEqualTo(batch.events().get(0).eventId());
            assertThat(batch.limited()).containsEntry("error", events);
        }
    }

    private static long count(Envelope envelope, String type) {
        return envelope.items().stream().filter(i -> i.type().equals(type)).count();
    }

    @Test
    void javaExceptionWithItsSessionUpdate() throws Exception {
        IngestBatch batch = route("java-exception");

        assertThat(batch.events()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
            assertThat(e.exceptions()).hasSize(3);
        });
        assertThat(batch.sessions()).singleElement().satisfies(s -> {
            assertThat(s.errors()).isEqualTo(1);
            assertThat(s.release()).isEqualTo("feas-java@1.2.3");
        });
        assertThat(batch.outcomes()).isEmpty();
        assertThat(batch.limited()).isEqualTo(Map.of("error", 1L, "session", 1L));
    }

    @Test
    void sessionsAggregateGoesToSessions() throws Exception {
        IngestBatch batch = route("js-sessions-aggregate");

        assertThat(batch.sessions()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SessionRecord.AGGREGATE);
            assertThat(s.exited()).isEqualTo(2);
            assertThat(s.errored()).isEqualTo(1);
        });
        assertThat(batch.responseId()).isNull();
    }

    @Test
    void clientReportsBecomeClientDiscardsNextToTheAcceptedTransaction() throws Exception {
        IngestBatch batch = route("java-transaction-with-client-report");

        assertThat(batch.outcomes()).extracting(Outcome::outcome, Outcome::category, Outcome::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.ACCEPTED, "transaction", null),
                org.assertj.core.groups.Tuple.tuple(Outcome.CLIENT_DISCARD, "transaction", "backpressure"),
                org.assertj.core.groups.Tuple.tuple(Outcome.CLIENT_DISCARD, "error", "ratelimit_backoff"),
                org.assertj.core.groups.Tuple.tuple(Outcome.CLIENT_DISCARD, "span", "backpressure"));
        assertThat(batch.limited()).isEqualTo(Map.of("transaction", 1L));
    }

    @Test
    void spansAndAttachmentsCountWhatTheyHold() throws Exception {
        assertThat(route("js-spans-v2").quantities()).isEqualTo(Map.of("span", 4L));
        IngestBatch attachments = route("java-attachment");
        assertThat(attachments.events()).hasSize(1);
        assertThat(attachments.limited()).isEqualTo(Map.of("error", 1L, "attachment", 2L));
    }

    @Test
    void unknownItemTypesAreSkipped() throws Exception {
        IngestBatch batch = ROUTER.route(Envelope.parse(bytes(
                "{}\n{\"type\":\"from_the_future\"}\n{\"x\":1}\n{\"type\":\"event\"}\n{\"message\":\"m\"}\n")), REQUEST);

        assertThat(batch.events()).hasSize(1);
        assertThat(batch.outcomes()).isEmpty();
        assertThat(batch.limited()).isEqualTo(Map.of("error", 1L));
    }

    @Test
    void aMalformedSessionIsDroppedAndCountedButTheEventGoesThrough() throws Exception {
        IngestBatch batch = ROUTER.route(Envelope.parse(bytes(
                "{}\n{\"type\":\"event\"}\n{\"message\":\"m\"}\n{\"type\":\"session\"}\n{\"sid\":1}\n")), REQUEST);

        assertThat(batch.events()).hasSize(1);
        assertThat(batch.sessions()).isEmpty();
        assertThat(batch.outcomes()).containsExactly(
                new Outcome(PROJECT, RECEIVED, "session", Outcome.INVALID, "invalid_data", 1));
    }

    @Test
    void aBadEventRefusesTheEnvelope() {
        assertThatThrownBy(() -> ROUTER.route(Envelope.parse(bytes("{}\n{\"type\":\"event\"}\n{\"level\":[]}\n")),
                REQUEST))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageStartingWith("envelope item 0 (event): ");
        EnvelopeRouter small = new EnvelopeRouter(new PiiScrubber("s"), 10);
        assertThatThrownBy(() -> small.route(Envelope.parse(bytes("{}\n{\"type\":\"event\"}\n{\"message\":\"long\"}\n")),
                REQUEST))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413))
                .hasMessage("envelope item 0 (event) is 18 bytes, larger than the limit of 10 bytes");
    }

    @Test
    void eventsAreScrubbedPerTheProjectsSettings() throws Exception {
        byte[] event = bytes("{\"message\":\"card 4111 1111 1111 1111\",\"user\":{\"ip_address\":\"{{auto}}\"},"
                + "\"tags\":{\"password\":\"hunter2\"}}");

        var scrubbed = ROUTER.event(event, REQUEST, null, null);
        assertThat(scrubbed.message()).doesNotContain("4111");
        assertThat(scrubbed.tags()).containsEntry("password", PiiScrubber.FILTERED);
        assertThat(scrubbed.user().ipAddress()).isNotEqualTo("203.0.113.9").isNotBlank();

        var kept = ROUTER.event(event, new IngestRequest(PROJECT, RECEIVED, new ProjectSettings(null, false, true, 1.0),
                "203.0.113.9"), null, null);
        assertThat(kept.message()).contains("4111 1111 1111 1111");
        assertThat(kept.user().ipAddress()).isEqualTo("203.0.113.9");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
