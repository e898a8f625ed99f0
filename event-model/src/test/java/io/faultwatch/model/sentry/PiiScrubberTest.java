package io.faultwatch.model.sentry;

import static io.faultwatch.model.sentry.PiiScrubber.FILTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.sentry.PiiScrubber.Settings;
import io.faultwatch.testing.WireSamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScrubberTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PiiScrubber SCRUBBER = new PiiScrubber("test-salt");
    private static final Settings KEEP_DATA = new Settings(false, false);
    private static final Settings KEEP_ALL = new Settings(false, true);
    private static final String CLIENT_IP = "203.0.113.9";

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
    }

    private static ObjectNode scrubbed(String json) throws Exception {
        return scrubbed(json, Settings.DEFAULT);
    }

    private static ObjectNode scrubbed(String json, Settings settings) throws Exception {
        ObjectNode event = tree(json);
        SCRUBBER.scrub(event, settings, CLIENT_IP);
        return event;
    }

    private static ObjectNode sampleTree(String name) throws Exception {
        return (ObjectNode) MAPPER.readTree(WireSamples.eventItem(name).payload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "user_password", "Passwd", "passphrase", "pass", "mysql_pwd", "secret",
        "client_secret", "token", "access_token", "X-Auth-Token", "api_key", "apiKey", "X-Api-Key", "aws_access_key_id",
        "private_key", "Authorization", "Proxy-Authorization", "auth", "X-Sentry-Auth", "oauth_state", "credentials",
        "cookie", "Set-Cookie", "cookies", "csrf_token", "X-XSRF-TOKEN", "bearer", "jwt", "session", "session_id",
        "sessionKey", "JSESSIONID", "PHPSESSID", "connect.sid", "sid"})
    void credentialLikeKeysAreFiltered(String key) throws Exception {
        ObjectNode event = scrubbed("{'extra':{'" + key + "':'hunter2'}}");

        assertThat(event.at("/extra/" + key.replace("/", "~1")).asText()).isEqualTo(FILTERED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"author", "authority", "method", "username", "email", "passenger", "compass",
        "session_count", "sidebar", "keyboard", "thread.id", "trace_id", "status_code", "url"})
    void ordinaryKeysAreKept(String key) throws Exception {
        assertThat(scrubbed("{'extra':{'" + key + "':'hunter2'}}").at("/extra/" + key).asText()).isEqualTo("hunter2");
    }

    @Test
    void aFilteredKeyHidesItsWholeValueAtAnyDepth() throws Exception {
        ObjectNode event = scrubbed("{'extra':{'config':{'db':{'password':{'primary':'a','replica':'b'},"
                + "'hosts':['h1',{'api_key':'k'}]}}},"
                + "'exception':{'values':[{'stacktrace':{'frames':[{'function':'login','vars':{'pwd':'x','user':'jane',"
                + "'creds':{'token':7}}}]}}]},"
                + "'user':{'id':'u1','data':{'session_token':'s'}},"
                + "'contexts':{'app':{'secret':'s','name':'shop'}},"
                + "'breadcrumbs':{'values':[{'data':{'Authorization':'Bearer abc','url':'/x'}}]},"
                + "'sdk':{'name':'sentry.java'},'logentry':{'params':{'token':'t'}}}");

        assertThat(event.at("/extra/config/db/password").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/extra/config/db/hosts/0").asText()).isEqualTo("h1");
        assertThat(event.at("/extra/config/db/hosts/1/api_key").asText()).isEqualTo(FILTERED);
        JsonNode vars = event.at("/exception/values/0/stacktrace/frames/0/vars");
        assertThat(vars.get("pwd").asText()).isEqualTo(FILTERED);
        assertThat(vars.get("user").asText()).isEqualTo("jane");
        assertThat(vars.at("/creds/token").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/user/data/session_token").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/contexts/app/secret").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/contexts/app/name").asText()).isEqualTo("shop");
        assertThat(event.at("/breadcrumbs/values/0/data/Authorization").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/breadcrumbs/values/0/data/url").asText()).isEqualTo("/x");
        assertThat(event.at("/logentry/params/token").asText()).isEqualTo(FILTERED);
        assertThat(event.at("/sdk/name").asText()).isEqualTo("sentry.java");
    }

    @Test
    void requestHeadersCookiesQueryAndBody() throws Exception {
        ObjectNode event = scrubbed("{'request':{'url':'https://shop.example/cb?code=1&access_token=abc#f',"
                + "'query_string':'page=2&api_key=k1&token=',"
                + "'headers':{'Authorization':'Basic dTpw','Cookie':'sessionid=s1; theme=dark','Accept':'*/*'},"
                + "'cookies':{'theme':'dark'},"
                + "'data':'{\\\"user\\\":\\\"jane\\\",\\\"password\\\":\\\"p\\\\\\\"w\\\"}',"
                + "'env':{'DB_URL':'postgres://app:s3cret@db:5432/shop'}}}");

        JsonNode request = event.get("request");
        assertThat(request.get("url").asText()).isEqualTo("https://shop.example/cb?code=1&access_token=[Filtered]#f");
        assertThat(request.get("query_string").asText()).isEqualTo("page=2&api_key=[Filtered]&token=");
        assertThat(request.at("/headers/Authorization").asText()).isEqualTo(FILTERED);
        assertThat(request.at("/headers/Cookie").asText()).isEqualTo(FILTERED);
        assertThat(request.at("/headers/Accept").asText()).isEqualTo("*/*");
        assertThat(request.get("cookies").asText()).isEqualTo(FILTERED);
        assertThat(request.get("data").asText()).isEqualTo("{\"user\":\"jane\",\"password\":\"[Filtered]\"}");
        assertThat(request.at("/env/DB_URL").asText()).isEqualTo("postgres://app:[Filtered]@db:5432/shop");
    }

    @Test
    void mapsSentAsPairsAreFilteredByTheirKeys() throws Exception {
        ObjectNode event = scrubbed("{'tags':[['api_key','k'],['tier','gold']],"
                + "'request':{'headers':[['X-Api-Key','k'],['Accept','*/*']],'query_string':[['token','t'],['q','x']]}}");

        assertThat(event.get("tags").toString()).isEqualTo("[[\"api_key\",\"[Filtered]\"],[\"tier\",\"gold\"]]");
        assertThat(event.at("/request/headers").toString())
                .isEqualTo("[[\"X-Api-Key\",\"[Filtered]\"],[\"Accept\",\"*/*\"]]");
        assertThat(event.at("/request/query_string").toString()).isEqualTo("[[\"token\",\"[Filtered]\"],[\"q\",\"x\"]]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "paid with 4111 1111 1111 1111 today    | paid with [Filtered] today",
        "card=4111-1111-1111-1111               | card=[Filtered]",
        "4111111111111111                       | [Filtered]",
        "mc 5555555555554444, amex 378282246310005 | mc [Filtered], amex [Filtered]",
        "visa 4012888888881881.                 | visa [Filtered].",
        "on 2026-11-22 paid 4111-1111-1111-1111 | on 2026-11-22 paid [Filtered]",
    })
    void cardNumbersInsideStringsAreFiltered(String text, String expected) throws Exception {
        assertThat(PiiScrubber.scrubString(text)).isEqualTo(expected);
        assertThat(scrubbed("{'message':'" + text + "'}").get("message").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4111 1111 1111 1112",              // fails the Luhn check
        "at 1795342621331 ms",              // epoch milliseconds start with 1
        "order ORD4111111111111111X",       // part of an identifier
        "trace 41111111111111114111111111111111", // 32 digits: a hex id, not a card
        "call 555-123-4567",                // too few digits
        "2026-11-22T10:16:55.719Z build 4711", // 21 digits, but never 13 in a row
        "4111  1111 1111 1111",             // two separators end the run
    })
    void numbersThatAreNoCardsAreKept(String text) {
        assertThat(PiiScrubber.scrubString(text)).isSameAs(text);
    }

    @Test
    void luhn() {
        assertThat(PiiScrubber.luhnValid("4111111111111111")).isTrue();
        assertThat(PiiScrubber.luhnValid("4111-1111-1111-1111")).isTrue();
        assertThat(PiiScrubber.luhnValid("4111111111111112")).isFalse();
    }

    @Test
    void anEventIdThatLooksLikeACardSurvives() throws Exception {
        // 4111-1111-1111-1111 passes Luhn; as the first groups of a UUID it is still an id.
        String id = "41111111-1111-1111-abcd-ef0123456789";

        assertThat(scrubbed("{'event_id':'" + id + "'}").get("event_id").asText()).isEqualTo(id);
    }

    @Test
    void userIpIsHashedStablyWithTheSalt() throws Exception {
        String hashed = scrubbed("{'user':{'id':'u1','ip_address':'10.0.0.1'}}").at("/user/ip_address").asText();

        assertThat(hashed).matches("[0-9a-f]{" + PiiScrubber.IP_HASH_HEX_CHARS + "}")
                .isEqualTo(SCRUBBER.hashIp("10.0.0.1"))
                .isNotEqualTo(SCRUBBER.hashIp("10.0.0.2"))
                .isNotEqualTo(new PiiScrubber("other-salt").hashIp("10.0.0.1"));
    }

    @Test
    void autoIpBecomesTheClientAddressHashedOrStored() throws Exception {
        String auto = "{'user':{'ip_address':'{{auto}}'}}";

        assertThat(scrubbed(auto).at("/user/ip_address").asText()).isEqualTo(SCRUBBER.hashIp(CLIENT_IP));
        assertThat(scrubbed(auto, KEEP_ALL).at("/user/ip_address").asText()).isEqualTo(CLIENT_IP);
        ObjectNode unknownClient = tree(auto);
        SCRUBBER.scrub(unknownClient, Settings.DEFAULT, null);
        assertThat(unknownClient.get("user").has("ip_address")).isFalse();
    }

    @Test
    void requestIpsAreHashedToo() throws Exception {
        ObjectNode event = scrubbed("{'request':{'env':{'REMOTE_ADDR':'198.51.100.7','SERVER_NAME':'web-1'},"
                + "'headers':{'X-Forwarded-For':'198.51.100.7, 10.0.0.1','Host':'shop.example'}}}");

        assertThat(event.at("/request/env/REMOTE_ADDR").asText()).isEqualTo(SCRUBBER.hashIp("198.51.100.7"));
        assertThat(event.at("/request/env/SERVER_NAME").asText()).isEqualTo("web-1");
        assertThat(event.at("/request/headers/X-Forwarded-For").asText())
                .isEqualTo(SCRUBBER.hashIp("198.51.100.7, 10.0.0.1"));
        assertThat(event.at("/request/headers/Host").asText()).isEqualTo("shop.example");
        ObjectNode pairs = scrubbed("{'request':{'headers':[['X-Real-IP','198.51.100.7']]}}");
        assertThat(pairs.at("/request/headers/0/1").asText()).isEqualTo(SCRUBBER.hashIp("198.51.100.7"));
    }

    @Test
    void withoutDataScrubbingDataStaysAsSentButIpsAreStillHashed() throws Exception {
        String json = "{'extra':{'password':'hunter2','card':'4111 1111 1111 1111'},"
                + "'user':{'ip_address':'10.0.0.1'},'request':{'env':{'REMOTE_ADDR':'10.0.0.1'}}}";

        ObjectNode event = scrubbed(json, KEEP_DATA);

        assertThat(event.at("/extra/password").asText()).isEqualTo("hunter2");
        assertThat(event.at("/extra/card").asText()).isEqualTo("4111 1111 1111 1111");
        assertThat(event.at("/user/ip_address").asText()).isEqualTo(SCRUBBER.hashIp("10.0.0.1"));
        assertThat(event.at("/request/env/REMOTE_ADDR").asText()).isEqualTo(SCRUBBER.hashIp("10.0.0.1"));
        assertThat(scrubbed(json, KEEP_ALL)).isEqualTo(tree(json));
    }

    @Test
    void anEmptySaltWouldMakeHashesReversible() {
        assertThatThrownBy(() -> new PiiScrubber("")).isInstanceOf(IllegalArgumentException.class);
    }

    static List<String> eventSamples() {
        return SentryEventConverterTest.eventSamples();
    }

    /** The real SDK events carry no secrets: scrubbing changes nothing but the user's IP. */
    @ParameterizedTest
    @MethodSource("eventSamples")
    void realEventsKeepEveryValueButTheIp(String name) throws Exception {
        ObjectNode original = sampleTree(name);
        ObjectNode event = original.deepCopy();

        SCRUBBER.scrub(event, Settings.DEFAULT, CLIENT_IP);

        if (original.at("/user/ip_address").isTextual()) {
            assertThat(event.at("/user/ip_address").asText()).isEqualTo(SCRUBBER.hashIp("10.0.0.1"));
            ((ObjectNode) original.get("user")).put("ip_address", SCRUBBER.hashIp("10.0.0.1"));
        }
        assertThat(event).isEqualTo(original);
    }

    /** Secrets planted where applications put them in real events; none reaches the canonical event. */
    @ParameterizedTest
    @MethodSource("eventSamples")
    void noPlantedSecretSurvivesIntoTheCanonicalEvent(String name) throws Exception {
        ObjectNode event = sampleTree(name);
        event.withObjectProperty("extra").put("db_password", "S3CRET-1");
        event.withObjectProperty("tags").put("api_key", "S3CRET-2");
        event.withObjectProperty("contexts").withObjectProperty("app").put("auth_token", "S3CRET-3");
        event.withObjectProperty("user").put("ip_address", "192.0.2.44");
        event.withObjectProperty("request").put("url", "https://shop.example/pay?card=4111111111111111&session_id=S3CRET-4")
                .withObjectProperty("headers").put("Authorization", "Bearer S3CRET-5").put("Cookie", "sid=S3CRET-6");
        event.withObjectProperty("request").withObjectProperty("env").put("REMOTE_ADDR", "192.0.2.44");
        event.withArrayProperty("breadcrumbs").addObject().put("message", "charged 5555 5555 5555 4444")
                .withObjectProperty("data").put("refresh_token", "S3CRET-7");
        event.withObjectProperty("extra").put("note", "login failed for password=S3CRET-8");
        byte[] payload = MAPPER.writeValueAsBytes(event);

        ErrorEvent converted = SentryEventConverter.convert(payload, 42, 1L, null, SCRUBBER, Settings.DEFAULT, CLIENT_IP);
        String canonical = new String(EventJson.toBytes(converted), StandardCharsets.UTF_8);

        assertThat(canonical).doesNotContain("S3CRET", "4111111111111111", "5555 5555 5555 4444", "192.0.2.44");
        assertThat(converted.user().ipAddress()).isEqualTo(SCRUBBER.hashIp("192.0.2.44"));
        assertThat(converted.extra()).containsEntry("db_password", FILTERED);
        assertThat(converted.request().headers()).containsEntry("Authorization", FILTERED);
        assertThat(converted.request().queryString()).isEqualTo("card=[Filtered]&session_id=[Filtered]");
        assertThat(converted.extra()).containsEntry("note", "login failed for password=[Filtered]");
        assertThat(converted.release()).startsWith("feas-");
        assertThat(converted.breadcrumbs().get(converted.breadcrumbs().size() - 1).data())
                .isEqualTo(Map.of("refresh_token", FILTERED));
    }
}
