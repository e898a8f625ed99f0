package io.faultwatch.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of the issue list ended: the sort, the last issue's value of the sort column (epoch
 * microseconds for times) and its id. The next page starts strictly after it, so issues that change while
 * a client pages can move, but a page never repeats or skips an issue that stayed put. Opaque to clients
 * (base64url), and checked when it comes back.
 */
record IssueCursor(IssueSort sort, long value, long id) {

    private static final Pattern FORMAT = Pattern.compile("([a-z_]+):(-?[0-9]{1,19}):([0-9]{1,18})");

    static IssueCursor after(IssueSort sort, IssueRow issue) {
        long value = switch (sort) {
            case LAST_SEEN -> micros(issue.lastSeen());
            case FIRST_SEEN -> micros(issue.firstSeen());
            case COUNT -> issue.timesSeen();
            case USERS -> issue.users();
        };
        return new IssueCursor(sort, value, issue.id());
    }

    /** Null when absent; a cursor of another sort is refused, since it would page through a different order. */
    static IssueCursor parse(String raw, IssueSort sort) {
        if (raw == null) {
            return null;
        }
        Matcher matcher = null;
        try {
            matcher = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (matcher == null || !matcher.matches()) {
            throw ApiException.invalidParameter("cursor",
                    "cursor must come from the Link header of a previous page, got " + RequestParams.echo(raw));
        }
        if (!matcher.group(1).equals(sort.wireName())) {
            throw ApiException.invalidParameter("cursor", "cursor belongs to sort " + RequestParams.echo(matcher.group(1))
                    + ", not " + sort.wireName() + "; start again without a cursor");
        }
        try {
            return new IssueCursor(sort, Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("cursor", "cursor is out of range, got " + RequestParams.echo(raw));
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sort.wireName() + ":" + value + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The value as the sort column's type: an instant for times, else the count. */
    Object columnValue() {
        return sort.isTime()
                ? Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L)
                : (Object) value;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
