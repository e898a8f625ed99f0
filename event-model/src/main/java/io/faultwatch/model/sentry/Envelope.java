package io.faultwatch.model.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    public record Item(String type, JsonNode header, byte[] payload) {}

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
