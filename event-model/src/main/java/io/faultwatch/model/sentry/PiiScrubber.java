package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side PII scrubbing of a raw Sentry event, applied before it is converted so that nothing
 * sensitive reaches Kafka in any field. Mirrors Sentry's default data scrubber:
 *
 * <ul>
 *   <li>the value of every key that looks like a password, secret, token, API key, authorization,
 *       cookie or session id becomes {@value #FILTERED}, at any depth and also in lists of
 *       {@code [key, value]} pairs (tags, headers, cookies, query strings);
 *   <li>inside every string, card numbers (Luhn-checked, with or without spaces or dashes), the
 *       values of sensitive {@code key=value} and {@code "key": "value"} pairs (query strings, form
 *       and JSON bodies sent as text) and passwords in URLs become {@value #FILTERED};
 *   <li>the user's IP address ({@code user.ip_address}, {@code request.env.REMOTE_ADDR} and the
 *       proxy headers that carry it) becomes a salted hash, stable for one salt, unless the project
 *       stores IPs. This happens even when a project turns data scrubbing off.
 * </ul>
 *
 * <p>Pure (its only state is a bounded memo of key verdicts) and thread-safe: one instance per
 * salt, with precompiled patterns and cheap tests that spare most strings the patterns. The data
 * rules are applied by {@link ScrubbingReader}, while a payload is parsed or to a tree given here.
 */
public final class PiiScrubber {
    public static final String FILTERED = "[Filtered]";
    /** What browser SDKs send as the user's IP to ask the server to fill in the client's address. */
    public static final String AUTO_IP = "{{auto}}";
    /** 64 bits of the HMAC: enough to count distinct users, too few to matter if the salt leaks. */
    static final int IP_HASH_HEX_CHARS = 16;

    private static final String HASH_ALGORITHM = "HmacSHA256";

    /**
     * Parts of key names that hold credentials, matched in the lowercase key with its separators
     * (-, _, .) removed, so "api_key", "apiKey" and "X-Api-Key" all contain "apikey". Checked by hand
     * rather than by one regular expression: an event has hundreds of keys and an alternation of
     * this size costs a microsecond per key.
     */
    private static final List<String> SENSITIVE_KEY_PARTS = List.of(
            "passw", "passphrase", "pwd", "secret", "token", "apikey", "accesskey", "privatekey", "authorization",
            "credential", "cookie", "csrf", "xsrf", "bearer", "jwt", "sessionid", "sessid", "sessionkey", "sesskey");
    /** Whole key names that are credentials only on their own ("passenger" and "session_count" are not). */
    private static final Set<String> SENSITIVE_KEYS = Set.of("pass", "session", "sid");
    /** "auth" is a credential part unless it is the start of "author" or "authority". */
    private static final String AUTH = "auth";
    private static final String AUTHOR = "author";
    private static final String KEY_SEPARATORS = "-_.";
    /** Express's "connect.sid" and friends: a session id after a separator. */
    private static final String SID_SUFFIX = "sid";
    /**
     * Verdicts on key names seen before: SDKs send the same few hundred names in every event.
     * Bounded, so that events full of made-up keys cannot grow it.
     */
    private static final Map<String, Boolean> KNOWN_KEYS = new ConcurrentHashMap<>();
    private static final int KNOWN_KEYS_MAX = 10_000;

    /**
     * 13 to 19 digits, optionally separated by single spaces or dashes, starting with a major
     * network's first digit (2-6): so epoch-millisecond timestamps, which start with 1, are not
     * taken for cards. Letters or digits around the run mean it is part of an identifier.
     */
    private static final Pattern CARD_NUMBER =
            Pattern.compile("(?<![0-9A-Za-z])[2-6](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])");
    private static final int CARD_MIN_DIGITS = 13;
    /** {@code "name": "value"} as in a JSON body that an SDK sent as a string. */
    private static final Pattern JSON_KEY_VALUE =
            Pattern.compile("\"([^\"\\\\]{1,128})\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** {@code scheme://user:password@host}: the password part. */
    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\\s]*):([^@/?#\\s]+)@");
    /** Request headers that carry the client's address when the application sits behind a proxy. */
    private static final Set<String> IP_HEADERS = Set.of(
            "x-forwarded-for", "x-real-ip", "forwarded", "cf-connecting-ip", "true-client-ip", "x-client-ip");

    /**
     * A project's choices, from the {@code projects} table (V2__project_settings.sql).
     *
     * @param scrubData filter credentials and card numbers
     * @param storeUserIp keep user IPs as sent instead of hashing them
     */
    public record Settings(boolean scrubData, boolean storeUserIp) {
        /** The columns' defaults: scrub, and do not store IPs. */
        public static final Settings DEFAULT = new Settings(true, false);
    }

    private final SecretKeySpec ipHashKey;
    /**
     * A Mac is not thread-safe, and looking one up and initializing it cost more than the hash
     * itself; each thread keeps one, which doFinal resets for the next use.
     */
    private final ThreadLocal<Mac> ipHashMac = ThreadLocal.withInitial(this::newMac);

    /**
     * @param ipHashSalt a secret of the deployment: without it the IPv4 space is small enough to
     *     reverse any hash. Keep it stable, or the same user gets a new hash.
     */
    public PiiScrubber(String ipHashSalt) {
        if (ipHashSalt == null || ipHashSalt.isEmpty()) {
            throw new IllegalArgumentException("the IP hash salt must not be empty");
        }
        this.ipHashKey = new SecretKeySpec(ipHashSalt.getBytes(StandardCharsets.UTF_8), HASH_ALGORITHM);
    }

    /**
     * Scrubs {@code event} in place.
     *
     * @param clientIp the address the request came from, which replaces {@value #AUTO_IP}; null
     *     if unknown, in which case such an IP is removed
     */
    public void scrub(ObjectNode event, Settings settings, String clientIp) {
        if (settings.scrubData()) {
            event.setAll(ScrubbingReader.scrubbed(event));
        }
        scrubIps(event, settings, clientIp);
    }

    /**
     * The part of {@link #scrub} that applies whatever the project's data scrubbing, for a tree whose
     * data {@link ScrubbingReader} scrubbed while reading it.
     */
    void scrubIps(ObjectNode event, Settings settings, String clientIp) {
        userIp(event, settings.storeUserIp(), clientIp);
        if (!settings.storeUserIp()) {
            requestIps(event.path("request"));
        }
    }

    /** The salted hash that replaces an IP address: lowercase hex, {@value #IP_HASH_HEX_CHARS} chars. */
    public String hashIp(String ip) {
        byte[] digest = ipHashMac.get().doFinal(ip.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, IP_HASH_HEX_CHARS / 2);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HASH_ALGORITHM);
            mac.init(ipHashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HASH_ALGORITHM + " is required of every Java runtime", e);
        }
    }

    private void userIp(ObjectNode event, boolean storeUserIp, String clientIp) {
        JsonNode user = event.get("user");
        if (user == null || !user.isObject()) {
            return;
        }
        ObjectNode userObject = (ObjectNode) user;
        JsonNode ip = userObject.get("ip_address");
        if (ip == null || ip.isNull()) {
            return;
        }
        String address = ip.isTextual() && ip.textValue().equals(AUTO_IP) ? clientIp : JsonFields.text(ip);
        if (address == null) {
            userObject.remove("ip_address");
        } else {
            userObject.put("ip_address", storeUserIp ? address : hashIp(address));
        }
    }

    private void requestIps(JsonNode request) {
        JsonNode env = request.path("env");
        JsonNode remoteAddr = env.get("REMOTE_ADDR");
        if (remoteAddr != null && !remoteAddr.isNull()) {
            ((ObjectNode) env).put("REMOTE_ADDR", hashIp(JsonFields.text(remoteAddr)));
        }
        JsonNode headers = request.path("headers");
        if (headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                if (isIpHeader(header.getKey()) && !header.getValue().isNull()) {
                    header.setValue(TextNode.valueOf(hashIp(JsonFields.text(header.getValue()))));
                }
            }
        } else if (headers.isArray()) {
            for (JsonNode pair : headers) {
                if (JsonFields.isPair(pair) && isIpHeader(pair.get(0).asText()) && !pair.get(1).isNull()) {
                    ((ArrayNode) pair).set(1, TextNode.valueOf(hashIp(JsonFields.text(pair.get(1)))));
                }
            }
        }
    }

    private static boolean isIpHeader(String name) {
        return IP_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * For the keys of the JSON tree and the names found inside strings (JSON text, key=value pairs),
     * which repeat from event to event as much; the memo's bound keeps made-up names from growing it.
     */
    static boolean isSensitiveKey(String key) {
        Boolean known = KNOWN_KEYS.get(key);
        if (known != null) {
            return known;
        }
        boolean sensitive = looksLikeCredential(key);
        if (KNOWN_KEYS.size() < KNOWN_KEYS_MAX) {
            KNOWN_KEYS.put(key, sensitive);
        }
        return sensitive;
    }

    private static boolean looksLikeCredential(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (SENSITIVE_KEYS.contains(lower)) {
            return true;
        }
        int sid = lower.length() - SID_SUFFIX.length() - 1;
        if (sid >= 0 && lower.endsWith(SID_SUFFIX) && KEY_SEPARATORS.indexOf(lower.charAt(sid)) >= 0) {
            return true;
        }
        String joined = withoutSeparators(lower);
        for (String part : SENSITIVE_KEY_PARTS) {
            if (joined.contains(part)) {
                return true;
            }
        }
        for (int at = joined.indexOf(AUTH); at >= 0; at = joined.indexOf(AUTH, at + 1)) {
            if (!joined.startsWith(AUTHOR, at)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutSeparators(String key) {
        StringBuilder joined = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (KEY_SEPARATORS.indexOf(c) >= 0) {
                if (joined == null) {
                    joined = new StringBuilder(key.length()).append(key, 0, i);
                }
            } else if (joined != null) {
                joined.append(c);
            }
        }
        return joined == null ? key : joined.toString();
    }

    /** The text with its sensitive parts filtered; the same instance when there are none. */
    static String scrubString(String text) {
        int candidates = candidates(text);
        if (candidates == 0) {
            return text;
        }
        // A filtered part becomes FILTERED, which holds none of the characters the later checks look
        // for, so what candidates() found in the original still bounds what each step can find.
        String result = text;
        if ((candidates & CARD_RUN) != 0) {
            result = replaceMatches(result, CARD_NUMBER, 0, m -> luhnValid(m.group()));
        }
        if ((candidates & EQUALS) != 0) {
            result = filterKeyEqualsValue(result);
        }
        if ((candidates & JSON_PAIR) != 0) {
            result = replaceMatches(result, JSON_KEY_VALUE, 2, m -> isSensitiveKey(m.group(1)));
        }
        if ((candidates & URL_SCHEME) != 0 && (candidates & AT_SIGN) != 0) {
            result = replaceMatches(result, URL_PASSWORD, 2, m -> true);
        }
        return result;
    }

    private static final int CARD_RUN = 1;
    private static final int EQUALS = 2;
    private static final int JSON_PAIR = 4;
    private static final int URL_SCHEME = 8;
    private static final int AT_SIGN = 16;

    /**
     * Which checks of {@link #scrubString} can match, found in one pass: most strings (code lines,
     * messages, ids, dates) need none, and a scan per check plus the card pattern on every string
     * with 13 digits anywhere showed high in profiles. Each flag is necessary for its check to match.
     */
    private static int candidates(String text) {
        int found = 0;
        // Digits in the current run where digits are at most one space or dash apart, as in CARD_NUMBER.
        int cardDigits = 0;
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++cardDigits >= CARD_MIN_DIGITS) {
                    found |= CARD_RUN;
                }
            } else if (!((c == ' ' || c == '-') && previous >= '0' && previous <= '9')) {
                cardDigits = 0;
                switch (c) {
                    case '=' -> found |= EQUALS;
                    // JSON writers put the colon right after the key's closing quote.
                    case ':' -> found |= previous == '"' ? JSON_PAIR : 0;
                    case '/' -> found |= previous == '/' && i >= 2 && text.charAt(i - 2) == ':' ? URL_SCHEME : 0;
                    case '@' -> found |= AT_SIGN;
                    default -> { }
                }
            }
            previous = c;
        }
        return found;
    }

    /**
     * Filters the values of sensitive {@code name=value} pairs, as in query strings, form bodies,
     * cookie headers and log lines. A scan from each '=' rather than a regular expression, which
     * would retry at every character of the code lines that frames carry.
     */
    private static String filterKeyEqualsValue(String text) {
        StringBuilder out = null;
        int copied = 0;
        int eq = text.indexOf('=');
        while (eq >= 0) {
            int nameStart = eq;
            while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            int valueEnd = eq + 1;
            while (valueEnd < text.length() && !isValueEnd(text.charAt(valueEnd))) {
                valueEnd++;
            }
            if (nameStart < eq && valueEnd > eq + 1 && isSensitiveKey(text.substring(nameStart, eq))) {
                if (out == null) {
                    out = new StringBuilder(text.length() + FILTERED.length());
                }
                out.append(text, copied, eq + 1).append(FILTERED);
                copied = valueEnd;
            }
            eq = text.indexOf('=', Math.max(valueEnd, eq + 1));
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-[]".indexOf(c) >= 0;
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || "&;#\"',".indexOf(c) >= 0;
    }

    private interface MatchTest {
        boolean sensitive(Matcher match);
    }

    /** Replaces {@code group} of every match that passes {@code test}; the same instance if none does. */
    private static String replaceMatches(String text, Pattern pattern, int group, MatchTest test) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (!test.sensitive(m)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(group)).append(FILTERED);
            copied = m.end(group);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The Luhn checksum every payment card number carries. */
    static boolean luhnValid(String number) {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
