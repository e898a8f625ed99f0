package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.sentry.PiiScrubber.Settings;
import io.faultwatch.testing.WireSamples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass reader against what it replaced: the whole payload parsed into a tree, then walked
 * again to scrub it (the walk is kept below as the reference). Every payload must give the same
 * scrubbed tree and the same canonical event, or the same error, with every project setting.
 */
class ScrubbingReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PiiScrubber SCRUBBER = new PiiScrubber("test-salt");
    private static final List<Settings> SETTINGS = List.of(
            Settings.DEFAULT, new Settings(false, false), new Settings(true, true), new Settings(false, true));

    private static final List<String> CRAFTED = List.of(
            "{'event_id':'41111111-1111-1111-abcd-ef0123456789','extra':{'password':'x','n':null,'token':null,"
                    + "'list':[['password','p'],['password=1','v'],['a','card 4111 1111 1111 1111'],['secret',null],"
                    + "['k',['secret','deep']],[['token','t'],'x'],['api_key',{'a':1}],['x','y','z'],[1,2],"
                    + "['sid=1&a=b','password=2']],"
                    + "'s':'password=abc&x=1','j':'{\\\\'token\\\\': \\\\'abc\\\\'}','u':'https://user:pw@host/x'},"
                    + "'tags':[['session','s1'],['ok','v']],"
                    + "'request':{'url':'https://a.example/p?token=1#f','headers':[['Cookie','a=b'],['X-Forwarded-For','1.2.3.4']],"
                    + "'env':{'REMOTE_ADDR':'1.2.3.4'},'data':{'password':'x'},'cookies':'sid=1'},"
                    + "'user':{'ip_address':'{{auto}}','id':'password=x','email':'a@b.example'},"
                    + "'message':'card 5555555555554444','modules':{'token':'x'},"
                    + "'breadcrumbs':[{'data':{'password':'x','arr':[['token','t']]},'message':'m','timestamp':1.5}],"
                    + "'contexts':{'app':{'auth_token':'x','nested':{'secret':'y','v':[1.5,2e3,12345678901234567890,-0]}},"
                    + "'os':'linux'}}",
            "{'message':'a','message':'password=b','extra':{'k':'v'},'extra':{'token':'t'},'user':{'ip_address':'10.0.0.1'},"
                    + "'user':{'ip_address':'10.0.0.2','id':7}}",
            "{'exception':[{'type':'E','value':'token=abc','mechanism':{'handled':false,'data':{'x':1}},"
                    + "'stacktrace':{'frames':[{'function':'f','vars':{'password':'x'},'pre_context':['a'],'lineno':3,"
                    + "'in_app':true,'context_line':'pwd=1'},null]}},null],"
                    + "'request':{'headers':{'Authorization':'Bearer x','X-Real-IP':'1.2.3.4','Host':'h'},"
                    + "'query_string':[['token','1'],['page','2']],'env':'not an object'},'user':{'ip_address':null}}",
            "{'breadcrumbs':{'values':[{'message':'card 4111-1111-1111-1111','data':{'url':'https://u:p@h/?password=1'}},"
                    + "[1],'x']},'fingerprint':['{{ default }}','password=1'],'logentry':{'message':'login %s',"
                    + "'params':['password=x']},'sdk':{'name':'sentry.python','packages':[{'name':'x'}]},"
                    + "'threads':{'values':[{'id':1}]},'debug_meta':{'images':[{'code_file':'x'}]}}",
            "{'exception':{'values':[{'type':'A','stacktrace':[1]},{'stacktrace':{'frames':{'a':1}}}]}}",
            "{'exception':{'values':[[1,2]]}}",
            "{'user':[1,{'ip_address':'x'}],'request':['a'],'sdk':'x'}",
            "{'tags':{'a':1.0,'b':true,'c':12345678901},'timestamp':'2026-11-22T10:00:00Z','level':'warn'}",
            "{'extra':{'a':[[['password','x']]],'b':[['password']],'c':[['password','x','y']],'d':[[null,'x']]}}",
            "{} {}",
            "[]",
            "",
            "{'a':",
            "{'a':1} trailing");

    /** The scrubbing walk of the tree that the one-pass reader replaced, as it was. */
    private static void referenceScrub(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    field.setValue(PiiScrubber.isSensitiveKey(field.getKey())
                            ? TextNode.valueOf(PiiScrubber.FILTERED) : referenceValue(value));
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (JsonFields.isPair(element) && PiiScrubber.isSensitiveKey(element.get(0).asText())) {
                    if (!element.get(1).isNull()) {
                        ((ArrayNode) element).set(1, TextNode.valueOf(PiiScrubber.FILTERED));
                    }
                } else {
                    array.set(i, referenceValue(element));
                }
            }
        }
    }

    private static JsonNode referenceValue(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(PiiScrubber.scrubString(value.textValue()));
        }
        referenceScrub(value);
        return value;
    }

    /** The old gateway path: parse all, walk all to scrub, then convert. */
    private static ErrorEvent reference(byte[] json, Settings settings, String eventIdOverride) throws InvalidEventException {
        JsonNode parsed = SentryJson.parse(json, 0, json.length, "event");
        if (!parsed.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + JsonFields.kind(parsed));
        }
        ObjectNode event = (ObjectNode) parsed;
        if (settings.scrubData()) {
            JsonNode eventId = event.get("event_id");
            referenceScrub(event);
            if (eventId != null) {
                event.set("event_id", eventId);
            }
        }
        SCRUBBER.scrubIps(event, settings, "203.0.113.9");
        return SentryEventConverter.convert(event, 42, 1_000L, eventIdOverride);
    }

    static Stream<byte[]> payloads() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        CRAFTED.forEach(json -> payloads.add(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
        for (String name : WireSamples.withItem("event")) {
            payloads.add(WireSamples.eventItem(name).payload());
        }
        // Invalid UTF-8 inside a part the reader skips must still be refused as the full parse refuses it.
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes("{\"debug_meta\":\"".getBytes(StandardCharsets.UTF_8));
        invalid.write(0xc3);
        invalid.write(0x28);
        invalid.writeBytes("\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8));
        payloads.add(invalid.toByteArray());
        return payloads.stream();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void givesTheEventOrTheErrorOfParsingAllThenScrubbing(byte[] json) throws Exception {
        // Without an id in the payload each conversion would make up its own.
        String eventId = new String(json, StandardCharsets.UTF_8).contains("\"event_id\"")
                ? null : "0123456789abcdef0123456789abcdef";
        for (Settings settings : SETTINGS) {
            Object expected;
            try {
                expected = reference(json, settings, eventId);
            } catch (InvalidEventException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = SentryEventConverter.convert(json, 42, 1_000L, eventId, SCRUBBER, settings, "203.0.113.9");
            } catch (InvalidEventException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as("%s with %s", new String(json, StandardCharsets.UTF_8), settings).isEqualTo(expected);
        }
    }

    @Test
    void aNamedFieldThatLooksLikeACredentialIsFilteredAsAnyOtherKey() throws Exception {
        ScrubbingReader.Shape shape = ScrubbingReader.Shape.object(Map.of(
                "api_key", ScrubbingReader.Shape.ALL, "name", ScrubbingReader.Shape.ALL,
                "nested", ScrubbingReader.Shape.object("auth_token", "author")));
        byte[] json = ("{\"api_key\":{\"a\":1},\"name\":\"password=x\",\"dropped\":\"secret\","
                + "\"nested\":{\"auth_token\":\"t\",\"author\":\"Ann\",\"token\":\"skipped\"}}")
                .getBytes(StandardCharsets.UTF_8);

        ObjectNode read = ScrubbingReader.read(SentryJson.factory(), json, shape, true);

        assertThat(read).isEqualTo(MAPPER.readTree("{\"api_key\":\"[Filtered]\",\"name\":\"password=[Filtered]\","
                + "\"nested\":{\"auth_token\":\"[Filtered]\",\"author\":\"Ann\"}}"));
        assertThat(ScrubbingReader.read(SentryJson.factory(), json, shape, false).get("api_key").get("a").asInt())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void scrubsATreeAsTheWalkDid(byte[] json) throws Exception {
        if (catchThrowable(() -> MAPPER.readTree(json)) != null || !MAPPER.readTree(json).isObject()) {
            return; // no tree to scrub
        }
        JsonNode parsed = MAPPER.readTree(json);
        ObjectNode expected = parsed.deepCopy();
        JsonNode eventId = expected.get("event_id");
        referenceScrub(expected);
        if (eventId != null) {
            expected.set("event_id", eventId);
        }
        assertThat(ScrubbingReader.scrubbed((ObjectNode) parsed)).isEqualTo(expected);
    }
}
