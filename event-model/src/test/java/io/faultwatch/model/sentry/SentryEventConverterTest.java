package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.Breadcrumb;
import io.faultwatch.model.ErrorEvent.Frame;
import io.faultwatch.model.ErrorEvent.RequestInfo;
import io.faultwatch.model.ErrorEvent.SdkInfo;
import io.faultwatch.model.ErrorEvent.UserInfo;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.EventLimits;
import io.faultwatch.testing.WireSamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentryEventConverterTest {
    private static final long PROJECT = 42;
    private static final long RECEIVED = Instant.parse("2026-11-22T10:20:00Z").toEpochMilli();

    private static ErrorEvent sample(String name) throws Exception {
        Envelope.Item item = WireSamples.eventItem(name);
        return SentryEventConverter.convert(item.payload(), PROJECT, RECEIVED,
                Envelope.parse(WireSamples.envelope(name)).eventId());
    }

    private static ErrorEvent json(String json) throws InvalidEventException {
        return SentryEventConverter.convert(json.getBytes(StandardCharsets.UTF_8), PROJECT, RECEIVED, null);
    }

    @Test
    void javaExceptionWithCauseChain() throws Exception {
        ErrorEvent e = sample("java-exception");

        assertThat(e.eventId()).isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
        assertThat(e.projectId()).isEqualTo(PROJECT);
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:16:55.719Z").toEpochMilli());
        assertThat(e.level()).isEqualTo("error");
        assertThat(e.platform()).isEqualTo("java");
        assertThat(e.environment()).isEqualTo("feas-env");
        assertThat(e.release()).isEqualTo("feas-java@1.2.3");
        assertThat(e.serverName()).isEqualTo("feas-host");
        assertThat(e.message()).isNull();
        assertThat(e.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("feature", "checkout", "tier", "gold"));
        assertThat(e.user()).isEqualTo(new ErrorEvent.UserInfo("user-42", "jane@example.com", "jane", "10.0.0.1"));
        assertThat(e.fingerprint()).isEmpty();
        // Innermost cause first, the thrown exception last, as Sentry sends them.
        assertThat(e.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
                .containsExactly("NumberFormatException", "IllegalStateException", "Main$AppException");
        assertThat(e.thrownException().value()).isEqualTo("request handling failed");
        assertThat(e.thrownException().module()).isEqualTo("feas");
        assertThat(e.exceptions().get(0).frames()).hasSize(8);
        assertThat(e.exceptions().get(0).frames().get(7)).isEqualTo(new Frame(
                "java.lang.NumberFormatException", "forInputString", "NumberFormatException.java", null, 67,
                null, null, null));
    }

    @Test
    void javaInAppFrames() throws Exception {
        ErrorEvent e = sample("java-exception-inapp");

        List<Frame> frames = e.thrownException().frames();
        assertThat(frames.get(frames.size() - 1)).satisfies(f -> {
            assertThat(f.function()).isEqualTo("controllerLayer");
            assertThat(f.lineno()).isEqualTo(28);
            assertThat(f.isInApp()).isTrue();
        });
        assertThat(e.exceptions().get(0).frames()).filteredOn(Frame::isInApp).extracting(Frame::function)
                .containsExactly("main", "full", "controllerLayer", "serviceLayer", "parseNumber");
    }

    @Test
    void javaParameterizedMessageKeepsTemplateAndParamsApart() throws Exception {
        ErrorEvent e = sample("java-message-parameterized");

        assertThat(e.message()).isEqualTo("User jane failed to pay 42 dollars");
        assertThat(e.messageTemplate()).isEqualTo("User %s failed to pay %d dollars");
        assertThat(e.messageParams()).containsExactly("jane", "42");
        assertThat(e.exceptions()).isEmpty();
        assertThat(e.level()).isEqualTo("error");
    }

    @Test
    void javaPlainMessage() throws Exception {
        ErrorEvent e = sample("java-message");

        assertThat(e.message()).isEqualTo("Plain message from Java");
        assertThat(e.messageTemplate()).isNull();
        assertThat(e.messageParams()).isEmpty();
        assertThat(e.level()).isEqualTo("warning");
    }

    @Test
    void javaCrashIsFatal() throws Exception {
        assertThat(sample("java-crash").level()).isEqualTo("fatal");
    }

    @Test
    void javaExceptionInTransactionCarriesTheTransactionName() throws Exception {
        assertThat(sample("java-exception-in-transaction").transaction()).isNotBlank();
    }

    @Test
    void javascriptExceptionWithFloatTimestampColumnsAndContextLines() throws Exception {
        ErrorEvent e = sample("js-exception");

        assertThat(e.eventId()).isEqualTo("dabd4217c06240fa9c61d1f51d83755f");
        assertThat(e.timestamp()).isEqualTo(1795342621331L);
        assertThat(e.platform()).isEqualTo("node");
        assertThat(e.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
                .containsExactly("SyntaxError", "Error", "AppError");
        List<Frame> frames = e.thrownException().frames();
        assertThat(frames.get(frames.size() - 1)).isEqualTo(new Frame(
                "app", "controllerLayer", "/srv/demo-app/js-client/app.mjs", null, 19, 21, true,
                "  catch (e) { throw new AppError('request handling failed', { cause: e }); }"));
    }

    @Test
    void javascriptParameterizedLogentryWithoutFormattedIsFormattedHere() throws Exception {
        ErrorEvent e = sample("js-message-parameterized");

        assertThat(e.messageTemplate()).isEqualTo("User %s failed to pay %s dollars");
        assertThat(e.messageParams()).containsExactly("jane", "42");
        assertThat(e.message()).isEqualTo("User jane failed to pay 42 dollars");
    }

    @Test
    void javascriptMessageAsPlainString() throws Exception {
        ErrorEvent e = sample("js-message");

        assertThat(e.message()).isEqualTo("Plain message from JS");
        assertThat(e.messageTemplate()).isNull();
        assertThat(e.level()).isEqualTo("warning");
    }

    static List<String> eventSamples() {
        return WireSamples.withItem("event");
    }

    @Test
    void everyCapturedSdkScenarioWithAnEventIsCovered() {
        assertThat(eventSamples()).hasSize(14).allMatch(name -> name.startsWith("java-") || name.startsWith("js-"));
    }

    /** What both SDKs' captures share: the DSN's project, the demo app's release, host and runtime. */
    @ParameterizedTest
    @MethodSource("eventSamples")
    void everyEventSampleCarriesItsSdkReleaseAndContexts(String name) throws Exception {
        ErrorEvent e = sample(name);
        boolean java = name.startsWith("java-");

        assertThat(e.eventId()).isEqualTo(Envelope.parse(WireSamples.envelope(name)).eventId());
        assertThat(e.platform()).isEqualTo(java ? "java" : "node");
        assertThat(e.release()).isEqualTo(java ? "feas-java@1.2.3" : "feas-js@1.2.3");
        assertThat(e.environment()).isEqualTo("feas-env");
        assertThat(e.serverName()).isEqualTo("feas-host");
        assertThat(e.dist()).isNull();
        assertThat(e.sdk()).isEqualTo(java ? new SdkInfo("sentry.java", "8.62.0")
                : new SdkInfo("sentry.javascript.node", "11.12.0"));
        assertThat(e.context("runtime")).isEqualTo(java ? Map.of("name", "Debian", "version", "17.0.15")
                : Map.of("name", "node", "version", "v20.20.2"));
        assertThat(e.context("trace").get("trace_id")).matches("[0-9a-f]{32}");
        assertThat(e.timestamp()).isBetween(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-22T10:20:00Z").toEpochMilli());
        assertThat(e.message() != null || !e.exceptions().isEmpty()).as("message or exception").isTrue();
        assertThat(e.request()).isNull();
        assertThat(e.trimmed()).as("only the 40 000-char extra of js-big-gzip is over a limit")
                .isEqualTo(name.equals("js-big-gzip")
                        ? Map.of("extra{}", 40_000 - (EventLimits.STRING_CHARS - EventLimits.TRUNCATION_MARKER.length()))
                        : Map.of());
        assertThat(EventJson.fromBytes(EventJson.toBytes(e))).isEqualTo(e);
    }

    /** The samples in which the demo app set a user, tags, extra and two breadcrumbs before capturing. */
    @ParameterizedTest
    @ValueSource(strings = {"java-exception", "java-exception-inapp", "java-exception-in-transaction",
        "java-message", "java-message-parameterized", "js-exception", "js-exception-in-transaction", "js-message",
        "js-message-parameterized"})
    void userTagsExtraAndBreadcrumbsOfTheFullScenario(String name) throws Exception {
        ErrorEvent e = sample(name);

        assertThat(e.user()).isEqualTo(new UserInfo("user-42", "jane@example.com", "jane", "10.0.0.1"));
        assertThat(e.tags()).isEqualTo(Map.of("feature", "checkout", "tier", "gold"));
        assertThat(e.extra()).isEqualTo(Map.of("cart_items", "3"));
        assertThat(e.breadcrumbs().get(0)).satisfies(b -> {
            assertThat(b.category()).isEqualTo("auth");
            assertThat(b.message()).isEqualTo("User logged in");
            assertThat(b.level()).isEqualTo("info");
            assertThat(b.data()).isEqualTo(Map.of("method", "password"));
            assertThat(b.timestamp()).isLessThanOrEqualTo(e.timestamp());
        });
        assertThat(e.breadcrumbs().get(1)).satisfies(b -> {
            assertThat(b.category()).isEqualTo("navigation");
            assertThat(b.message()).isEqualTo("navigated to /cart");
            assertThat(b.level()).isNull();
            assertThat(b.data()).isEmpty();
        });
    }

    @Test
    void javaBreadcrumbsWithIsoTimestampsAndTheTraceContextFlattened() throws Exception {
        ErrorEvent e = sample("java-exception-in-transaction");

        assertThat(e.breadcrumbs()).extracting(Breadcrumb::timestamp).containsExactly(
                Instant.parse("2026-11-22T10:16:55.711Z").toEpochMilli(),
                Instant.parse("2026-11-22T10:16:55.718Z").toEpochMilli());
        assertThat(e.transaction()).isEqualTo("GET /checkout");
        assertThat(e.context("trace")).containsEntry("op", "http.server").containsEntry("status", "ok")
                // Nested objects are kept as their JSON text, so the event stays flat for Flink.
                .containsEntry("tags", "{\"tx-tag\":\"yes\"}")
                .containsEntry("data", "{\"thread.name\":\"main\",\"thread.id\":\"1\"}");
    }

    @Test
    void nodeBreadcrumbsWithFloatTimestampsConsoleLevelAndDataArrays() throws Exception {
        ErrorEvent e = sample("js-exception-in-transaction");

        assertThat(e.breadcrumbs()).hasSize(5);
        assertThat(e.breadcrumbs().get(0).timestamp()).isEqualTo(1_795_342_621_328L);
        assertThat(e.breadcrumbs().get(2)).satisfies(b -> {
            assertThat(b.category()).isEqualTo("console");
            assertThat(b.level()).as("Sentry's alias for the JS console's log").isEqualTo("info");
            assertThat(b.message()).isEqualTo("captured exception dabd4217c06240fa9c61d1f51d83755f");
            assertThat(b.data()).isEqualTo(Map.of(
                    "arguments", "[\"captured exception\",\"dabd4217c06240fa9c61d1f51d83755f\"]",
                    "logger", "console"));
        });
    }

    @Test
    void nodeContextsKeepEveryFieldAsText() throws Exception {
        ErrorEvent e = sample("js-exception");

        assertThat(e.contexts()).extracting(ErrorEvent.Context::name)
                .containsExactly("trace", "runtime", "app", "os", "device", "culture", "cloud_resource");
        assertThat(e.context("os")).isEqualTo(Map.of("kernel_version", "6.18.44-fc-v595", "name", "Debian",
                "version", "12.11\n"));
        assertThat(e.context("device")).containsEntry("memory_size", "25276514304")
                .containsEntry("processor_count", "2").containsEntry("arch", "x64");
        assertThat(e.context("culture")).isEqualTo(Map.of("locale", "en-US", "timezone", "UTC"));
        assertThat(e.context("cloud_resource")).isEmpty();
        assertThat(e.context("absent")).isEmpty();
    }

    @Test
    void eventsWithoutUserDataHaveNoUser() throws Exception {
        assertThat(sample("java-crash").user()).as("the Java SDK sends user {}").isNull();
        assertThat(sample("js-crash").user()).isNull();
        assertThat(sample("js-crash").tags()).isEmpty();
        assertThat(sample("js-crash").breadcrumbs()).isEmpty();
    }

    @Test
    void nodeCrashIsFatalAndTheMessageEventsKeepTheirLevel() throws Exception {
        assertThat(sample("js-crash").level()).isEqualTo("fatal");
        assertThat(sample("js-crash").exceptions()).hasSize(3);
        assertThat(sample("java-exception").level()).as("no level sent: the default").isEqualTo("error");
    }

    @Test
    void requestWithObjectHeadersAndTheQueryTakenFromTheUrl() throws Exception {
        ErrorEvent e = json("{\"request\":{\"method\":\"POST\",\"url\":\"https://shop.example/cart?page=2&sort=asc#top\","
                + "\"headers\":{\"Content-Type\":\"application/json\",\"X-Retries\":3},\"data\":{\"sku\":\"a\"}},"
                + "\"dist\":\"build-7\"}");

        assertThat(e.request()).isEqualTo(new RequestInfo("POST", "https://shop.example/cart", "page=2&sort=asc",
                Map.of("Content-Type", "application/json", "X-Retries", "3")));
        assertThat(e.dist()).isEqualTo("build-7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"?a=1&b=x%20y\"                  | a=1&b=x%20y",
        "{\"a\":\"1\",\"b\":\"x y\"}           | a=1&b=x+y",
        "[[\"a\",\"1\"],[\"b\",\"x y\"],[\"c\",null]] | a=1&b=x+y",
    })
    void queryStringAsStringObjectOrPairsWinsOverTheUrls(String query, String expected) throws Exception {
        ErrorEvent e = json("{\"request\":{\"url\":\"https://x.example/p?ignored=1\",\"query_string\":" + query + "}}");

        assertThat(e.request().queryString()).isEqualTo(expected);
        assertThat(e.request().url()).isEqualTo("https://x.example/p");
    }

    @Test
    void headersAsPairsAndBreadcrumbsAsValuesObject() throws Exception {
        ErrorEvent e = json("{\"request\":{\"headers\":[[\"Accept\",\"*/*\"],[\"X-Multi\",[\"a\",\"b\"]]]},"
                + "\"breadcrumbs\":{\"values\":[{\"type\":\"http\",\"category\":\"xhr\",\"level\":\"warn\","
                + "\"data\":{\"url\":\"/api\",\"status_code\":500,\"nested\":{\"k\":[1,2]}}},null]}}");

        assertThat(e.request().headers()).isEqualTo(Map.of("Accept", "*/*", "X-Multi", "[\"a\",\"b\"]"));
        assertThat(e.breadcrumbs()).containsExactly(new Breadcrumb(null, "http", "xhr", null, "warning",
                Map.of("url", "/api", "status_code", "500", "nested", "{\"k\":[1,2]}")));
    }

    @Test
    void aContextThatIsNotAnObjectIsKeptUnderValue() throws Exception {
        ErrorEvent e = json("{\"contexts\":{\"auth\":\"[Filtered]\",\"gone\":null,\"os\":{\"name\":\"Linux\",\"x\":null}}}");

        assertThat(e.contexts()).containsExactly(
                new ErrorEvent.Context("auth", Map.of("value", "[Filtered]")),
                new ErrorEvent.Context("os", Map.of("name", "Linux")));
    }

    @Test
    void minimalEventGetsDefaults() throws Exception {
        ErrorEvent e = json("{}");

        assertThat(e.eventId()).matches("[0-9a-f]{32}");
        assertThat(e.timestamp()).isEqualTo(RECEIVED);
        assertThat(e.level()).isEqualTo("error");
        assertThat(e.environment()).isEqualTo("production");
        assertThat(e.platform()).isEqualTo("other");
        assertThat(e.user()).isNull();
        assertThat(e.tags()).isEmpty();
    }

    @Test
    void eventIdIsNormalizedAndTheEnvelopeHeaderWins() throws Exception {
        assertThat(json("{\"event_id\":\"735D9A78-A66C-4331-894D-D2BD1AFB80AD\"}").eventId())
                .isEqualTo("735d9a78a66c4331894dd2bd1afb80ad");
        assertThat(SentryEventConverter.convert("{\"event_id\":\"735d9a78a66c4331894dd2bd1afb80ad\"}"
                .getBytes(StandardCharsets.UTF_8), PROJECT, RECEIVED, "11111111-2222-3333-4444-555555555555").eventId())
                .isEqualTo("11111111222233334444555555555555");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-11-22T10:16:55.719Z\"      | 1795342615719",
        "\"2026-11-22T10:16:55.719+01:00\" | 1795339015719",
        "\"2026-11-22T10:16:55\"           | 1795342615000",
        "1795342621.3315                   | 1795342621332",
        "1795342621                        | 1795342621000",
        "\"1795342621.5\"                  | 1795342621500",
        "\"+1.7953426215e9\"               | 1795342621500",
    })
    void timestampsInEveryFormSdksSend(String timestamp, long expected) throws Exception {
        assertThat(json("{\"timestamp\":" + timestamp + "}").timestamp()).isEqualTo(expected);
    }

    @Test
    void levelAliasesAndUnhandledExceptionsDefaultToFatal() throws Exception {
        assertThat(json("{\"level\":\"WARN\"}").level()).isEqualTo("warning");
        assertThat(json("{\"level\":\"nonsense\"}").level()).isEqualTo("error");
        assertThat(json("{\"exception\":[{\"type\":\"E\",\"mechanism\":{\"handled\":false}}]}").level())
                .isEqualTo("fatal");
        assertThat(json("{\"level\":\"info\",\"exception\":[{\"type\":\"E\",\"mechanism\":{\"handled\":false}}]}")
                .level()).isEqualTo("info");
    }

    @Test
    void bareExceptionListAndTagPairs() throws Exception {
        ErrorEvent e = json("{\"exception\":[{\"type\":\"E\",\"value\":\"v\",\"stacktrace\":{\"frames\":"
                + "[{\"function\":\"f\",\"lineno\":\"7\",\"abs_path\":\"/a/b.py\"}]}}],"
                + "\"tags\":[[\"a\",\"1\"],[\"b\",2],[\"c\",null]],\"fingerprint\":[\"{{ default }}\",3]}");

        assertThat(e.thrownException().frames()).containsExactly(
                new Frame(null, "f", null, "/a/b.py", 7, null, null, null));
        assertThat(e.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        assertThat(e.fingerprint()).containsExactly("{{ default }}", "3");
    }

    @Test
    void logentryWinsOverMessageAndExtraPlaceholdersStay() throws Exception {
        ErrorEvent e = json("{\"message\":\"legacy\",\"logentry\":{\"message\":\"a {} b %s c %% d %s\","
                + "\"params\":[\"x\",{\"k\":1}]}}");

        assertThat(e.message()).isEqualTo("a x b {\"k\":1} c % d %s");
        assertThat(e.messageTemplate()).isEqualTo("a {} b %s c %% d %s");
        assertThat(e.messageParams()).containsExactly("x", "{\"k\":1}");
    }

    @Test
    void emptyUserIsNoUser() throws Exception {
        assertThat(json("{\"user\":{}}").user()).isNull();
        assertThat(json("{\"user\":{\"id\":7}}").user().id()).isEqualTo("7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                                                            | event must be a JSON object, got an array",
        "{\"event_id\":\"xyz\"}                                        | event_id must be a UUID (32 hex digits), got \"xyz\"",
        "{\"timestamp\":\"yesterday\"}                                 | timestamp must be an ISO-8601 string or seconds since the epoch, got \"yesterday\"",
        "{\"timestamp\":true}                                          | timestamp must be an ISO-8601 string or seconds since the epoch, got a boolean",
        "{\"release\":{\"v\":1}}                                       | release must be a string, got an object",
        "{\"message\":[1]}                                             | message must be a string or an object, got an array",
        "{\"logentry\":{\"message\":\"m\",\"params\":\"p\"}}           | logentry.params must be an array, got a string",
        "{\"exception\":\"boom\"}                                      | exception must be an object with \"values\" or an array, got a string",
        "{\"exception\":{\"values\":{}}}                               | exception.values must be an array, got an object",
        "{\"exception\":{\"values\":[1]}}                              | exception.values[0] must be an object, got a number",
        "{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":{}}}]}} | exception.values[0].stacktrace.frames must be an array, got an object",
        "{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":[{\"lineno\":\"x\"}]}}]}} | exception.values[0].stacktrace.frames[0].lineno must be an integer, got \"x\"",
        "{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":[{\"in_app\":\"yes\"}]}}]}} | exception.values[0].stacktrace.frames[0].in_app must be a boolean, got \"yes\"",
        "{\"tags\":\"a=b\"}                                            | tags must be an object or an array of [key, value] pairs, got a string",
        "{\"tags\":[[\"a\"]]}                                          | tags[0] must be a [key, value] pair",
        "{\"tags\":{\"a\":[1]}}                                        | tags.a must be a string, got an array",
        "{\"user\":\"jane\"}                                           | user must be an object, got a string",
        "{\"fingerprint\":\"x\"}                                       | fingerprint must be an array of strings, got a string",
        "{\"fingerprint\":[{}]}                                        | fingerprint[0] must be a string, got an object",
        "{\"tags\":[[\"a\",{}]]}                                     | tags[0][1] must be a string, got an object",
        "{\"contexts\":[]}                                           | contexts must be an object, got an array",
        "{\"extra\":\"x\"}                                           | extra must be an object or an array of [key, value] pairs, got a string",
        "{\"request\":\"GET /\"}                                     | request must be an object, got \"GET /\"",
        "{\"request\":{\"headers\":[[1]]}}                           | request.headers[0] must be a [key, value] pair",
        "{\"sdk\":[]}                                                | sdk must be an object, got an array",
        "{\"breadcrumbs\":\"x\"}                                     | breadcrumbs must be an object with \"values\" or an array, got a string",
        "{\"breadcrumbs\":{\"values\":[1]}}                          | breadcrumbs.values[0] must be an object, got a number",
        "{\"breadcrumbs\":[{\"timestamp\":\"soon\"}]}                | breadcrumbs[0].timestamp must be an ISO-8601 string or seconds since the epoch, got \"soon\"",
    })
    void malformedFieldsAreRejectedWithTheirPath(String json, String message) {
        assertThatThrownBy(() -> json(json)).isInstanceOf(InvalidEventException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\":1} trailing", "", "{'a':1}"})
    void malformedJsonSaysWhere(String json) {
        assertThatThrownBy(() -> json(json)).isInstanceOf(InvalidEventException.class)
                .hasMessageMatching("(malformed JSON in event at line 1, column \\d+: .+|event is empty)");
    }
}
