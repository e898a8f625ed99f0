package io.faultwatch.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of an issue's events ends: the last event's receive time (epoch ms) and id, since events
 * are listed newest first by (receive time, event id). Clients pass {@code next_cursor} back unchanged.
 */
public record EventCursor(long receivedAtMs, String eventId) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,15}):([0-9A-Za-z_-]{1,64})");

    public static EventCursor parse(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(raw);
        if (!matcher.matches()) {
            throw ApiException.invalidParameter("cursor",
                    "cursor must be the next_cursor of a previous page, got " + RequestParams.echo(raw));
        }
        return new EventCursor(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    @Override
    public String toString() {
        return receivedAtMs + ":" + eventId;
    }
}
