package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.testing.WireSamples;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.Frame;
import io.faultwatch.model.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @Test
    void everyEventSampleConvertsAndSurvivesTheTopicSerde() throws Exception {
        for (String name : List.of("java-attachment", "java-crash", "java-exception-in-transaction",
                "java-exception-inapp", "java-exception", "java-message-parameterized", "java-message",
                "js-attachment", "js-big-gzip", "js-crash", "js-exception-in-transaction", "js-exception",
                "js-message-parameterized", "js-message")) {
            ErrorEvent converted = sample(name);
            assertThat(EventJson.fromBytes(EventJson.toBytes(converted))).as(name).isEqualTo(converted);
        }
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
