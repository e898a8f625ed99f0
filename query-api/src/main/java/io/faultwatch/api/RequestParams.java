package io.faultwatch.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Parses and validates raw request parameters; every rejection names the parameter and the bad value. */
public final class RequestParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final int MAX_FINGERPRINT_LENGTH = 1024;
    /** Environments, releases, sources and error types are short names; longer values cannot match. */
    static final int MAX_NAME_LENGTH = 200;
    static final List<String> LEVELS = List.of("fatal", "error", "warning", "info", "debug");

    /** ClickHouse stores minutes as DateTime, i.e. unsigned 32-bit epoch seconds. */
    static final Instant MAX_INSTANT = Instant.ofEpochSecond(0xFFFF_FFFFL);

    /** Long enough for every id, short enough that Long.parseLong cannot overflow. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    /** Bad values are echoed back in messages; a cap keeps a huge value from bloating the response. */
    private static final int MAX_ECHO = 100;

    private RequestParams() {
    }

    public static long projectId(String raw) {
        return positiveId("id", raw);
    }

    public static long issueId(String raw) {
        return positiveId("issue_id", raw);
    }

    public static long ruleId(String raw) {
        return positiveId("rule_id", raw);
    }

    static long positiveId(String field, String raw) {
        if (raw != null && ID.matcher(raw).matches()) {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        }
        throw ApiException.invalidParameter(field, field + " must be a positive integer, got " + echo(raw));
    }

    /** Absent means the default; present must be an integer in 1..MAX_LIMIT. */
    public static int limit(String raw) {
        return limit(raw, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Absent means {@code defaultLimit}; present must be an integer in 1..max. */
    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        if (DIGITS.matcher(raw).matches()) {
            long limit = Long.parseLong(raw);
            if (limit >= 1 && limit <= max) {
                return (int) limit;
            }
        }
        throw ApiException.invalidParameter("limit", "limit must be an integer between 1 and " + max + ", got "
                + echo(raw));
    }

    /** An optional id: absent means null, present must be a positive integer. */
    public static Long optionalId(String field, String raw) {
        return raw == null ? null : positiveId(field, raw);
    }

    /** An optional name to match exactly (environment, release, source, ...): absent means null. */
    public static String name(String field, String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty() || raw.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidParameter(field,
                    field + " must be 1 to " + MAX_NAME_LENGTH + " characters long");
        }
        return raw;
    }

    /** An optional severity: absent means null, present must be one of Sentry's levels. */
    public static String level(String raw) {
        if (raw == null || LEVELS.contains(raw)) {
            return raw;
        }
        throw ApiException.invalidParameter("level",
                "level must be one of " + String.join(", ", LEVELS) + ", got " + echo(raw));
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-22T10:00:00Z}, offsets allowed) or epoch seconds, truncated
     * to whole seconds. Null when absent so the caller can apply its default.
     */
    public static Instant instant(String field, String raw) {
        if (raw == null) {
            return null;
        }
        Instant instant = parseInstant(raw);
        if (instant == null) {
            throw ApiException.invalidParameter(field,
                    field + " must be an ISO-8601 instant or epoch seconds, got " + echo(raw));
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(MAX_INSTANT)) {
            throw ApiException.invalidParameter(field,
                    field + " must be between " + Instant.EPOCH + " and " + MAX_INSTANT + ", got " + echo(raw));
        }
        return instant;
    }

    /** Absent means no filter; present must be a non-empty fingerprint of sane length. */
    public static String fingerprint(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty() || raw.length() > MAX_FINGERPRINT_LENGTH) {
            throw ApiException.invalidParameter("fingerprint",
                    "fingerprint must be 1 to " + MAX_FINGERPRINT_LENGTH + " characters long");
        }
        return raw;
    }

    private static Instant parseInstant(String raw) {
        if (DIGITS.matcher(raw).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(raw));
        }
        try {
            return Instant.parse(raw).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The bad value for an error message: quoted, and cut to a size that cannot bloat the response. */
    static String echo(String raw) {
        if (raw == null) {
            return "nothing";
        }
        String shown = raw.length() > MAX_ECHO ? raw.substring(0, MAX_ECHO) + "..." : raw;
        return "'" + shown + "'";
    }
}
