package io.faultwatch.jobs;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.SentryEventConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The grouping test resources: Sentry event payloads under {@code grouping/events/}, shaped like the
 * SDK captures in shared/sentry-wire-samples, and references to them with JSON-pointer edits.
 * Events go through the gateway's {@link SentryEventConverter}, so the corpus tests what the job sees.
 */
final class GroupingResources {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROJECT = 42;
    private static final long RECEIVED_AT = 1_795_342_558_000L;

    private GroupingResources() {}

    static JsonNode read(String resource) {
        try (InputStream in = GroupingResources.class.getResourceAsStream("/grouping/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource grouping/" + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event a reference names: {@code {"event": "java/checkout-npe", "set": {"/release": "x"}}}.
     * Below the top level a pointer must name an existing field or element, so that a typo fails
     * instead of silently testing nothing.
     */
    static ErrorEvent event(JsonNode reference) {
        String name = reference.path("event").asText();
        ObjectNode payload = (ObjectNode) read("events/" + name + ".json");
        Iterator<Map.Entry<String, JsonNode>> edits = reference.path("set").fields();
        while (edits.hasNext()) {
            Map.Entry<String, JsonNode> edit = edits.next();
            set(payload, JsonPointer.compile(edit.getKey()), edit.getValue(), name);
        }
        try {
            return SentryEventConverter.convert(JSON.writeValueAsBytes(payload), PROJECT, RECEIVED_AT, null);
        } catch (InvalidEventException | IOException e) {
            throw new IllegalArgumentException("event " + name + " does not convert: " + e.getMessage(), e);
        }
    }

    private static void set(ObjectNode payload, JsonPointer pointer, JsonNode value, String name) {
        JsonNode parent = payload.at(pointer.head());
        String key = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode object && (object == payload || object.has(key))) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array && pointer.last().getMatchingIndex() < array.size()
                && pointer.last().mayMatchElement()) {
            array.set(pointer.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("event " + name + " has nothing at " + pointer);
        }
    }
}
