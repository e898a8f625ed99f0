package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A parsed Sentry envelope (https://develop.sentry.dev/sdk/envelopes/): a JSON header line, then
 * items, each a JSON header line and a payload. A payload is either {@code length} bytes long (and
 * may then contain newlines, as attachments do) or runs to the next newline or the end of the body.
 * The Java SDK always sends {@code length} and a trailing newline; the JavaScript SDKs usually omit
 * both, so both forms are accepted.
 */
public record Envelope(JsonNode header, List<Item> items) {

    public Envelope {
        items = List.copyOf(items);
    }

    /** One item; {@code payload} holds the raw bytes, which need not be JSON (attachments). */
    public record Item(String type, JsonNode header, byte[] payload) {

        /**
         * Sentry's data category of the item (the unit of rate limits and outcomes), which is not
         * its type: an event is an "error", a log a "log_item", a check-in a "monitor". Null for
         * types this gateway does not know, which are skipped.
         */
        public String dataCategory() {
            return CATEGORIES.get(type);
        }

        /**
         * How many of its category the item holds: bytes for attachments (Sentry meters them in
         * bytes), the {@code item_count} header for batches (spans v2, logs), else one.
         */
        public long quantity() {
            if (type.equals("attachment")) {
                return payload.length;
            }
            JsonNode count = header.get("item_count");
            return count != null && count.canConvertToLong() && count.longValue() > 0 ? count.longValue() : 1;
        }
    }

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("event", "error"),
            Map.entry("transaction", "transaction"),
            Map.entry("session", "session"),
            Map.entry("sessions", "session"),
            Map.entry("client_report", "internal"),
            Map.entry("attachment", "attachment"),
            Map.entry("span", "span"),
            Map.entry("log", "log_item"),
            Map.entry("check_in", "monitor"),
            Map.entry("profile", "profile"),
            Map.entry("profile_chunk", "profile_chunk"),
            Map.entry("replay_event", "replay"),
            Map.entry("replay_recording", "replay"),
            Map.entry("replay_video", "replay"),
            Map.entry("user_report", "user_report"),
            Map.entry("feedback", "feedback"),
            Map.entry("trace_metric", "trace_metric"));

    /** The envelope header's {@code event_id}, or null. */
    public String eventId() {
        return textField(header, "event_id");
    }

    /** The envelope header's {@code dsn}, or null; SDKs without another way to authenticate send it. */
    public String dsn() {
        return textField(header, "dsn");
    }

    /** Parses only the header line; cheap, for deciding about a request before reading its items. */
    public static JsonNode parseHeader(byte[] body) throws InvalidEventException {
        return parseHeaderObject(body, lineEnd(body, 0));
    }

    public static Envelope parse(byte[] body) throws InvalidEventException {
        int end = lineEnd(body, 0);
        JsonNode header = parseHeaderObject(body, end);
        List<Item> items = new ArrayList<>();
        int pos = Math.min(end + 1, body.length);
        while (!onlyWhitespaceFrom(body, pos)) {
            String where = "envelope item " + items.size();
            int headerEnd = lineEnd(body, pos);
            JsonNode itemHeader = SentryJson.parse(body, pos, headerEnd - pos, where + " header");
            if (!itemHeader.isObject()) {
                throw new InvalidEventException(where + " header must be a JSON object");
            }
            JsonNode typeNode = itemHeader.get("type");
            if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
                throw new InvalidEventException(where + " header must have a string \"type\"");
            }
            int payloadStart = Math.min(headerEnd + 1, body.length);
            int payloadEnd;
            JsonNode lengthNode = itemHeader.get("length");
            if (lengthNode != null && !lengthNode.isNull()) {
                if (!lengthNode.canConvertToLong() || !lengthNode.isIntegralNumber() || lengthNode.asLong() < 0) {
                    throw new InvalidEventException(where + " header \"length\" must be a non-negative integer");
                }
                long length = lengthNode.asLong();
                if (length > body.length - payloadStart) {
                    throw new InvalidEventException(where + " (" + typeNode.asText() + ") declares length "
                            + length + " but only " + (body.length - payloadStart) + " bytes follow");
                }
                payloadEnd = payloadStart + (int) length;
                pos = payloadEnd < body.length && body[payloadEnd] == '\n' ? payloadEnd + 1 : payloadEnd;
            } else {
                payloadEnd = lineEnd(body, payloadStart);
                pos = Math.min(payloadEnd + 1, body.length);
            }
            items.add(new Item(typeNode.asText(), itemHeader, Arrays.copyOfRange(body, payloadStart, payloadEnd)));
        }
        return new Envelope(header, items);
    }

    private static JsonNode parseHeaderObject(byte[] body, int end) throws InvalidEventException {
        JsonNode header = SentryJson.parse(body, 0, end, "envelope header");
        if (!header.isObject()) {
            throw new InvalidEventException("envelope header must be a JSON object");
        }
        return header;
    }

    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static boolean onlyWhitespaceFrom(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] != '\n' && body[i] != '\r' && body[i] != ' ' && body[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String textField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
