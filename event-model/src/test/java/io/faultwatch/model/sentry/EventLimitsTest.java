package io.faultwatch.model.sentry;

import static io.faultwatch.model.EventLimits.TRUNCATION_MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.Frame;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.EventLimits;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every limit of {@link EventLimits}, as the converter applies it: cut, marked and counted. */
class EventLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int KEPT = EventLimits.STRING_CHARS - TRUNCATION_MARKER.length();

    private final ObjectNode event = MAPPER.createObjectNode();

    private ErrorEvent convert() throws InvalidEventException {
        return SentryEventConverter.convert(event, 1, 1_000L, null);
    }

    private static String chars(int n) {
        return "x".repeat(n);
    }

    @Test
    void valuesWithinTheLimitsAreNotTouched() throws Exception {
        event.put("message", chars(EventLimits.MESSAGE_CHARS));
        event.putObject("tags").put(chars(EventLimits.TAG_CHARS), chars(EventLimits.TAG_CHARS));
        event.putObject("extra").put("k", chars(EventLimits.STRING_CHARS));

        ErrorEvent e = convert();

        assertThat(e.message()).hasSize(EventLimits.MESSAGE_CHARS).doesNotEndWith(TRUNCATION_MARKER);
        assertThat(e.extra().get("k")).hasSize(EventLimits.STRING_CHARS);
        assertThat(e.trimmed()).isEmpty();
    }

    @Test
    void longMessageIsTruncatedWithTheMarkerAndCounted() throws Exception {
        event.put("message", chars(10_000));

        ErrorEvent e = convert();

        assertThat(e.message()).hasSize(EventLimits.MESSAGE_CHARS).endsWith(TRUNCATION_MARKER);
        assertThat(e.trimmed()).isEqualTo(Map.of("message", 10_000 - (EventLimits.MESSAGE_CHARS - 3)));
    }

    @Test
    void logentryTemplateAndParamsAreLimitedApart() throws Exception {
        ObjectNode logentry = event.putObject("logentry");
        logentry.put("message", chars(9_000) + " %s");
        ArrayNode params = logentry.putArray("params");
        IntStream.range(0, EventLimits.ENTRIES + 5).forEach(i -> params.add(i == 0 ? chars(2_000) : "p" + i));

        ErrorEvent e = convert();

        assertThat(e.messageTemplate()).hasSize(EventLimits.MESSAGE_CHARS).endsWith(TRUNCATION_MARKER);
        assertThat(e.messageParams()).hasSize(EventLimits.ENTRIES);
        assertThat(e.messageParams().get(0)).hasSize(EventLimits.STRING_CHARS);
        assertThat(e.trimmed()).containsEntry("messageTemplate", 9_003 - (EventLimits.MESSAGE_CHARS - 3))
                .containsEntry("messageParams", 5)
                .containsEntry("messageParams[]", 2_000 - KEPT)
                .containsKey("message");
    }

    @Test
    void longStackTracesKeepTheirOutermostAndInnermostFrames() throws Exception {
        ArrayNode values = event.putObject("exception").putArray("values");
        for (int e = 0; e < 2; e++) {
            ArrayNode frames = values.addObject().put("type", "E" + e).putObject("stacktrace").putArray("frames");
            IntStream.range(0, 300).forEach(i -> frames.addObject().put("lineno", i).put("function", "f" + i));
        }

        ErrorEvent e = convert();

        int head = EventLimits.FRAMES / 2;
        for (ErrorEvent.ExceptionInfo exception : e.exceptions()) {
            assertThat(exception.frames()).hasSize(EventLimits.FRAMES);
            assertThat(exception.frames().subList(0, head)).extracting(Frame::lineno)
                    .containsExactlyElementsOf(IntStream.range(0, head).boxed().toList());
            assertThat(exception.frames().subList(head, EventLimits.FRAMES)).extracting(Frame::lineno)
                    .containsExactlyElementsOf(IntStream.range(300 - head, 300).boxed().toList());
        }
        assertThat(e.trimmed()).isEqualTo(Map.of("exceptions[].frames", 2 * (300 - EventLimits.FRAMES)));
    }

    @Test
    void longExceptionChainsKeepTheRootCauseAndTheThrownException() throws Exception {
        ArrayNode values = event.putArray("exception");
        IntStream.range(0, 30).forEach(i -> values.addObject().put("type", "E" + i));

        ErrorEvent e = convert();

        assertThat(e.exceptions()).hasSize(EventLimits.EXCEPTIONS);
        assertThat(e.exceptions().get(0).type()).isEqualTo("E0");
        assertThat(e.thrownException().type()).isEqualTo("E29");
        assertThat(e.trimmed()).isEqualTo(Map.of("exceptions", 30 - EventLimits.EXCEPTIONS));
    }

    @Test
    void exceptionAndFrameStrings() throws Exception {
        ObjectNode exception = event.putArray("exception").addObject()
                .put("type", chars(1_500)).put("value", chars(9_000));
        ArrayNode frames = exception.putObject("stacktrace").putArray("frames");
        frames.addObject().put("function", chars(1_100)).put("context_line", chars(2_000));
        frames.addObject().put("function", chars(1_200));

        ErrorEvent e = convert();

        assertThat(e.thrownException().value()).hasSize(EventLimits.MESSAGE_CHARS);
        assertThat(e.thrownException().frames()).allSatisfy(f -> assertThat(f.function()).hasSize(EventLimits.STRING_CHARS));
        assertThat(e.trimmed()).isEqualTo(Map.of(
                "exceptions[].type", 1_500 - KEPT,
                "exceptions[].value", 9_000 - (EventLimits.MESSAGE_CHARS - 3),
                "exceptions[].frames[].function", 1_100 - KEPT + 1_200 - KEPT,
                "exceptions[].frames[].contextLine", 2_000 - KEPT));
    }

    @Test
    void breadcrumbsKeepTheMostRecent() throws Exception {
        ArrayNode crumbs = event.putArray("breadcrumbs");
        IntStream.range(0, 150).forEach(i -> crumbs.addObject().put("message", "m" + i)
                .put("timestamp", 1_700_000_000 + i));
        ((ObjectNode) crumbs.get(149)).putObject("data").put("body", chars(1_030));

        ErrorEvent e = convert();

        assertThat(e.breadcrumbs()).hasSize(EventLimits.BREADCRUMBS);
        assertThat(e.breadcrumbs().get(0).message()).isEqualTo("m50");
        assertThat(e.breadcrumbs().get(99).message()).isEqualTo("m149");
        assertThat(e.trimmed()).isEqualTo(Map.of("breadcrumbs", 50, "breadcrumbs[].data{}", 1_030 - KEPT));
    }

    @Test
    void tagsAreCappedAndTheirKeysAndValuesShortened() throws Exception {
        ObjectNode tags = event.putObject("tags");
        IntStream.range(0, EventLimits.TAGS + 10).forEach(i -> tags.put("t" + i, "v"));
        tags.put("t0", chars(250));
        tags.remove("t1");
        tags.put(chars(300), "long key");

        ErrorEvent e = convert();

        assertThat(e.tags()).hasSize(EventLimits.TAGS).containsKey("t2").doesNotContainKey("t" + (EventLimits.TAGS + 5));
        assertThat(e.tags().get("t0")).hasSize(EventLimits.TAG_CHARS).endsWith(TRUNCATION_MARKER);
        assertThat(e.trimmed()).isEqualTo(Map.of("tags", 10, "tags{}", 250 - (EventLimits.TAG_CHARS - 3)));
    }

    @Test
    void tagKeysAreShortenedToo() throws Exception {
        event.putArray("tags").addArray().add(chars(300)).add("v");

        assertThat(convert().trimmed()).isEqualTo(Map.of("tags{key}", 300 - (EventLimits.TAG_CHARS - 3)));
    }

    @Test
    void contextsAreCappedAtEveryLevel() throws Exception {
        ObjectNode contexts = event.putObject("contexts");
        IntStream.range(0, EventLimits.ENTRIES + 3).forEach(i -> contexts.putObject("c" + i).put("k", "v"));
        ObjectNode big = contexts.putObject("c0");
        IntStream.range(0, EventLimits.ENTRIES + 7).forEach(i -> big.put("f" + i, "v"));
        big.put("f0", chars(1_500));

        ErrorEvent e = convert();

        assertThat(e.contexts()).hasSize(EventLimits.ENTRIES);
        assertThat(e.context("c0")).hasSize(EventLimits.ENTRIES);
        assertThat(e.context("c0").get("f0")).hasSize(EventLimits.STRING_CHARS);
        assertThat(e.trimmed()).isEqualTo(Map.of("contexts", 3, "contexts[].fields", 7,
                "contexts[].fields{}", 1_500 - KEPT));
    }

    @Test
    void extraHeadersAndFingerprintAreCapped() throws Exception {
        ObjectNode extra = event.putObject("extra");
        IntStream.range(0, EventLimits.ENTRIES + 1).forEach(i -> extra.put("e" + i, i));
        extra.putObject("e0").put("nested", chars(2_000));
        ObjectNode headers = event.putObject("request").put("url", "https://x.example/" + chars(1_100))
                .putObject("headers");
        IntStream.range(0, EventLimits.ENTRIES + 2).forEach(i -> headers.put("H" + i, "v"));
        ArrayNode fingerprint = event.putArray("fingerprint");
        IntStream.range(0, EventLimits.ENTRIES + 4).forEach(i -> fingerprint.add("part" + i));

        ErrorEvent e = convert();

        assertThat(e.extra()).hasSize(EventLimits.ENTRIES);
        assertThat(e.extra().get("e0")).startsWith("{\"nested\":\"xxx").hasSize(EventLimits.STRING_CHARS);
        assertThat(e.request().headers()).hasSize(EventLimits.ENTRIES);
        assertThat(e.request().url()).hasSize(EventLimits.STRING_CHARS);
        assertThat(e.fingerprint()).hasSize(EventLimits.ENTRIES).startsWith("part0");
        assertThat(e.trimmed()).isEqualTo(Map.of("extra", 1, "extra{}", "{\"nested\":\"\"}".length() + 2_000 - KEPT,
                "request.headers", 2, "request.url", "https://x.example/".length() + 1_100 - KEPT,
                "fingerprint", 4));
    }

    @Test
    void shortLabelsAndNames() throws Exception {
        event.put("environment", chars(100)).put("dist", chars(70)).put("release", chars(250))
                .put("transaction", chars(201)).put("server_name", chars(1_025));
        event.putObject("user").put("email", chars(1_030));
        event.putObject("sdk").put("name", chars(1_025));

        ErrorEvent e = convert();

        assertThat(e.environment()).hasSize(EventLimits.LABEL_CHARS);
        assertThat(e.dist()).hasSize(EventLimits.LABEL_CHARS);
        assertThat(e.release()).hasSize(EventLimits.NAME_CHARS);
        assertThat(e.trimmed()).isEqualTo(Map.of(
                "environment", 100 - 61, "dist", 70 - 61, "release", 250 - 197, "transaction", 201 - 197,
                "serverName", 1_025 - KEPT, "user.email", 1_030 - KEPT, "sdk.name", 1_025 - KEPT));
    }

    @Test
    void theTrimmedCountsTravelWithTheEvent() throws Exception {
        event.put("message", chars(9_000));

        ErrorEvent e = convert();

        assertThat(EventJson.fromBytes(EventJson.toBytes(e)).trimmed())
                .isEqualTo(e.trimmed()).containsKey("message");
    }
}
