package io.faultwatch.jobs.grouping;

import java.util.List;
import java.util.function.Predicate;

/**
 * Replaces the parts of a message that vary between occurrences of one error with placeholders, so
 * that "user 123 not found" and "user 456 not found" are one issue: the failure users report most
 * is an id inside a message creating thousands of issues.
 *
 * <p>The rules run in a fixed order, each on the output of the previous one. The order matters: a
 * quoted value may hold a URL, a URL holds a hostname and numbers, an IPv4 address looks like
 * numbers, a UUID like hex ids. Changing a rule or the order changes fingerprints: see
 * docs/grouping.md before touching it.
 */
public final class MessageParameterizer {

    private static final String NOT_ALNUM_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String NOT_ALNUM_AFTER = "(?![\\p{L}\\p{N}])";

    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String WEEKDAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";

    /** Each rule runs only on a message holding a character every match of it needs. */
    static final List<Rewrite> RULES = List.of(
            Rewrite.when(text -> text.indexOf('=') >= 0,
                    "(=\\s*)(?:\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*')", "$1<quoted>"),
            // Trailing punctuation belongs to the sentence, not to the URL.
            Rewrite.when(text -> text.contains("://"),
                    "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]*[^\\s\"'<>.,;:!?)\\]]", "<url>"),
            Rewrite.when(text -> text.indexOf('@') >= 0,
                    "[a-zA-Z0-9._%+-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+", "<email>"),
            Rewrite.when(text -> text.indexOf('-') >= 0,
                    "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", "<uuid>"),
            Rewrite.when(MessageParameterizer::mayHoldDate, String.join("|",
                    // ISO 8601 / RFC 3339: a date with optional time, fraction and zone.
                    "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                            + NOT_ALNUM_AFTER,
                    // RFC 1123 (HTTP) and java.util.Date#toString.
                    "\\b" + WEEKDAY + ",? \\d{1,2} " + MONTH + " \\d{4} \\d{2}:\\d{2}:\\d{2}(?: (?:GMT|UTC|[+-]\\d{4}))?",
                    "\\b" + WEEKDAY + " " + MONTH + " \\d{1,2} \\d{2}:\\d{2}:\\d{2} [A-Z]{2,5} \\d{4}",
                    "\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b",
                    // A time of day on its own.
                    NOT_ALNUM_BEFORE + "\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?: ?[AaPp][Mm])?" + NOT_ALNUM_AFTER),
                    "<date>"),
            // IPv6 before IPv4 so that the IPv4 tail of ::ffff:10.0.0.1 is part of the address. Two
            // colons in a row or eight groups: times (12:30:45) and C++ names (a::b, non-hex) stay.
            Rewrite.when(text -> text.contains("::") || Rewrite.count(text, ':') >= 7,
                    "(?<![\\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}"
                            + "|(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}::(?:[0-9a-fA-F]{1,4}:){0,6}"
                            + "(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F]{1,4})?)(?![\\w:])", "<ip>"),
            Rewrite.when(text -> text.indexOf('.') >= 0,
                    NOT_ALNUM_BEFORE + "(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\p{L}\\p{N}]|\\.\\d)", "<ip>"),
            // Known top-level domains only: a bare word.word is far more often a class or file name
            // (java.lang, config.yaml), and the domain must end the name (java.io.File is no host).
            Rewrite.when(text -> text.indexOf('.') >= 0,
                    "(?i)\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                            + "(?:com|net|org|io|dev|co|edu|gov|info|biz|cloud|ai|us|uk|de|fr|nl|eu|ca|au|jp|ch|se"
                            + "|internal|local|lan|localdomain)(?![\\w-]|\\.[\\w-])", "<hostname>"),
            Rewrite.when(text -> Rewrite.hasHexRun(text, 40), "\\b[0-9a-fA-F]{40}\\b", "<sha1>"),
            Rewrite.when(text -> Rewrite.hasHexRun(text, 32), "\\b[0-9a-fA-F]{32}\\b", "<md5>"),
            // Eight or more hex digits with at least one digit, so that words such as "deadline" or
            // "facade" stay; all-digit runs of that length are ids too, rarely quantities.
            Rewrite.when(text -> Rewrite.hasHexRun(text, 8) || text.contains("0x") || text.contains("0X"),
                    "\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b", "<hex>"),
            Rewrite.when(MessageParameterizer::mayHoldDuration, NOT_ALNUM_BEFORE
                    + "(?:\\d+(?:\\.\\d+)? ?(?:ns|us|µs|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)"
                    + "|PT(?:\\d+(?:\\.\\d+)?[HMS])+)" + NOT_ALNUM_AFTER, "<duration>"),
            // Letters glued to digits (utf8, http2, sha256, v2) are names, not numbers.
            Rewrite.when(Rewrite::hasDigit, NOT_ALNUM_BEFORE + "-?\\d+(?:\\.\\d+)*" + NOT_ALNUM_AFTER, "<num>"));

    /** The first letters of the duration units, each of which follows a number right away or after a space. */
    private static final String DURATION_UNIT_STARTS = "nuµmshd";

    private MessageParameterizer() {}

    /**
     * What every date or time of the date rule holds: four digits and a dash (ISO), a digit, a colon and
     * a digit (every time of day, also inside the HTTP and Java dates), or a slash (US dates).
     */
    static boolean mayHoldDate(String text) {
        return text.indexOf('/') >= 0 || Rewrite.hasDigitsThen(text, 4, '-')
                || Rewrite.hasDigitFollowedBy(text, ':', Rewrite::isDigit);
    }

    /** What every duration holds: "PT", or a digit right before its unit or before a space and its unit. */
    static boolean mayHoldDuration(String text) {
        Predicate<Character> unitStart = c -> DURATION_UNIT_STARTS.indexOf(c) >= 0;
        return text.contains("PT") || Rewrite.hasDigitFollowedBy(text, unitStart)
                || Rewrite.hasDigitFollowedBy(text, ' ', unitStart);
    }

    public static String parameterize(String message) {
        return Rewrite.applyAll(RULES, message);
    }
}
