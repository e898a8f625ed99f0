package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;

/**
 * Reads typed fields out of SDK JSON. Lenient where SDKs differ (numbers where strings are
 * expected, maps sent as lists of pairs), strict where the shape is wrong: a field of the wrong kind
 * is an {@link InvalidEventException} that names it by its path in the payload.
 */
final class JsonFields {
    private JsonFields() {}

    /** A string field; numbers and booleans are taken as their text, since SDKs are loose about it. */
    static String string(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = checked(parent, field, path, JsonFields::isScalar, "a string");
        return node == null ? null : node.asText();
    }

    /** An integer field, also when sent as a string of digits. */
    static Integer integer(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = checked(parent, field, path, JsonFields::isInteger, "an integer");
        return node == null ? null : node.isTextual() ? Integer.valueOf(node.asText().trim()) : node.intValue();
    }

    static Boolean bool(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = checked(parent, field, path, JsonNode::isBoolean, "a boolean");
        return node == null ? null : node.booleanValue();
    }

    /** {@code node} itself, which must be a JSON object (an item payload, a list element). */
    static JsonNode object(JsonNode node, String path) throws InvalidEventException {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(path + " must be a JSON object");
        }
        return node;
    }

    /** The field if it is an object, null if absent or null. */
    static JsonNode objectField(JsonNode parent, String field, String path) throws InvalidEventException {
        return checked(parent, field, path, JsonNode::isObject, "an object");
    }

    /** A boolean field that is false when absent. */
    static boolean flag(JsonNode parent, String field, String path) throws InvalidEventException {
        return Boolean.TRUE.equals(bool(parent, field, path));
    }

    /** A non-negative integer field (a count of sessions, events, ...) that is 0 when absent. */
    static long count(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = checked(parent, field, path,
                n -> n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0, "a non-negative integer");
        return node == null ? 0 : node.longValue();
    }

    /** A number field, null when absent. */
    static Double number(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode node = checked(parent, field, path, JsonNode::isNumber, "a number");
        return node == null ? null : node.doubleValue();
    }

    /** The field, null when absent or null, or why it is not {@code expected}. */
    private static JsonNode checked(JsonNode parent, String field, String path, Predicate<JsonNode> accepted,
            String expected) throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!accepted.test(node)) {
            throw new InvalidEventException(path + " must be " + expected + ", got " + describe(node));
        }
        return node;
    }

    private static boolean isInteger(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToInt();
        }
        if (node.isTextual()) {
            try {
                Integer.parseInt(node.asText().trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** A required point in time, in epoch ms; see {@link #epochMillis}. */
    static long time(JsonNode parent, String field, String path) throws InvalidEventException {
        Long millis = epochMillis(parent.get(field), path);
        if (millis == null) {
            throw new InvalidEventException(path + " is required");
        }
        return millis;
    }

    /**
     * A point in time as SDKs send it, in epoch ms: ISO-8601 (with or without offset; none means
     * UTC) or seconds since the epoch, as number or string. Null when absent.
     */
    static Long epochMillis(JsonNode node, String path) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return epochSecondsToMillis(node.decimalValue(), path);
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(path + " must be an ISO-8601 string or seconds since the epoch, got "
                    + kind(node));
        }
        String text = node.asText().trim();
        // ISO strings (what the Java and JavaScript SDKs send, also in every breadcrumb) go straight to
        // the date formats: a NumberFormatException per timestamp cost more than the rest of the field.
        if (mayBeDecimal(text)) {
            try {
                return epochSecondsToMillis(new BigDecimal(text), path);
            } catch (NumberFormatException notANumber) {
                // fall through to the date formats
            }
        }
        Long millis = commonIsoMillis(text);
        if (millis == null) {
            millis = isoMillisByFormats(text);
        }
        if (millis == null) {
            throw new InvalidEventException(path + " must be an ISO-8601 string or seconds since the epoch, got \""
                    + text + "\"");
        }
        return millis;
    }

    /** The epoch ms of an ISO-8601 date-time with or without offset (none means UTC); null if it is none. */
    static Long isoMillisByFormats(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The epoch ms of the one ISO-8601 form the SDKs send ({@code 2024-05-01T10:15:30.123Z}: four-digit
     * year, seconds, 0-9 fraction digits, then {@code Z}, {@code +hh:mm}, {@code -hh:mm} or nothing for
     * UTC), read by hand; null for any other text, which the date formats then judge. The formats
     * took about a tenth of converting a whole event (every breadcrumb has a timestamp). Same result as
     * {@link #isoMillisByFormats} for every text it accepts.
     */
    static Long commonIsoMillis(String text) {
        int n = text.length();
        if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int pos = 19;
        long nanos = 0;
        if (pos < n && text.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && pos - start < 9 && isDigit(text.charAt(pos))) {
                nanos = nanos * 10 + (text.charAt(pos++) - '0');
            }
            if (pos == start) {
                return null;
            }
            for (int i = pos - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (pos == n) {
            offsetSeconds = 0;
        } else if (pos + 1 == n && text.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos + 6 == n && (text.charAt(pos) == '+' || text.charAt(pos) == '-') && text.charAt(pos + 3) == ':') {
            int offsetHours = digits(text, pos + 1, 2);
            int offsetMinutes = digits(text, pos + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (text.charAt(pos) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochSeconds = LocalDate.of(year, month, day).toEpochDay() * 86_400
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSeconds * 1000 + nanos / 1_000_000;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any of them is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * False only for text that {@link BigDecimal#BigDecimal(String)} surely refuses, such as a date with
     * 'T' and ':'. Non-ASCII characters pass: BigDecimal takes any Unicode digit.
     */
    private static boolean mayBeDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static long epochSecondsToMillis(BigDecimal seconds, String path) throws InvalidEventException {
        try {
            return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidEventException(path + " " + seconds + " is out of range");
        }
    }

    /** The positions of an array's elements (none when absent), so that cuts can keep paths exact. */
    static List<Integer> indices(JsonNode array, String path) throws InvalidEventException {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new InvalidEventException(path + " must be an array, got " + kind(array));
        }
        List<Integer> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(i);
        }
        return result;
    }

    /** One entry of a Sentry map; {@code path} names its value in the payload, for error messages. */
    record Field(String key, JsonNode value, String path) {}

    /**
     * The entries of a Sentry map, which SDKs send either as an object or as a list of
     * {@code [key, value]} pairs (tags, headers, query strings). Null values are left out.
     */
    static List<Field> entries(JsonNode node, String path) throws InvalidEventException {
        List<Field> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    result.add(new Field(e.getKey(), e.getValue(), path + "." + e.getKey()));
                }
            });
            return result;
        }
        if (!node.isArray()) {
            throw new InvalidEventException(path + " must be an object or an array of [key, value] pairs, got "
                    + kind(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode pair = node.get(i);
            if (pair.isNull()) {
                continue;
            }
            if (!isPair(pair)) {
                throw new InvalidEventException(path + "[" + i + "] must be a [key, value] pair");
            }
            if (!pair.get(1).isNull()) {
                result.add(new Field(pair.get(0).asText(), pair.get(1), path + "[" + i + "][1]"));
            }
        }
        return result;
    }

    /** A {@code [key, value]} element of a map sent as a list of pairs. */
    static boolean isPair(JsonNode node) {
        return node.isArray() && node.size() == 2 && isScalar(node.get(0));
    }

    static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    /** A scalar as its text, anything else as its JSON text: how free-form data is kept flat. */
    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    static String describe(JsonNode node) {
        return isScalar(node) ? node.toString() : kind(node);
    }
}
