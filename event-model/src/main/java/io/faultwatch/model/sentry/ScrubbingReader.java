package io.faultwatch.model.sentry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the JSON tree of an SDK payload in one pass over its tokens, keeping only the parts a
 * {@link Shape} names and, when asked, applying {@link PiiScrubber}'s data scrubbing to each value as
 * it is read. Parsing, then walking the whole tree again to scrub it, cost twice: most of an event's
 * strings and keys were visited by both, and parts nothing reads (frame variables and source
 * context, modules, request bodies, ...) were built and scrubbed for nothing.
 *
 * <p>The scrubbing rules, which this class is the one implementation of: outside of Settings'
 * IP handling, the value of every key that {@link PiiScrubber#isSensitiveKey} names becomes
 * {@value PiiScrubber#FILTERED} (nulls stay null), so does the value of a {@code [key, value]} pair
 * inside a list whose key does (the key itself stays as sent), every other string is
 * {@link PiiScrubber#scrubString scrubbed}, and the root object's {@code event_id} is left as sent:
 * it is hex that can look like a card number.
 */
final class ScrubbingReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TextNode FILTERED = TextNode.valueOf(PiiScrubber.FILTERED);
    private static final String EVENT_ID = "event_id";

    private ScrubbingReader() {}

    /**
     * Which parts of a JSON value to build: {@link #ALL}, or for an object the named fields (each
     * with its own shape) and for an array its elements' shape. A container the shape has nothing
     * for is kept empty, so readers still see its kind.
     */
    static final class Shape {
        static final Shape ALL = new Shape(null, null);

        private final Map<String, Shape> fields;
        /**
         * The names among {@code fields} that {@link PiiScrubber#isSensitiveKey} names, decided once here:
         * most keys of an event are such fixed names (a frame's alone are most of them), and looking each
         * up in the scrubber's shared cache of keys took 5% of the gateway's CPU per event.
         */
        private final Set<String> sensitiveFields;
        private final Shape elements;

        private Shape(Map<String, Shape> fields, Shape elements) {
            this.fields = fields;
            this.sensitiveFields = fields == null ? Set.of() : fields.keySet().stream()
                    .filter(PiiScrubber::isSensitiveKey).collect(Collectors.toUnmodifiableSet());
            this.elements = elements;
        }

        static Shape object(Map<String, Shape> fields) {
            return new Shape(Map.copyOf(fields), null);
        }

        /** An object of the given fields, each kept whole. */
        static Shape object(String... fields) {
            return object(Arrays.stream(fields).collect(Collectors.toMap(Function.identity(), f -> ALL)));
        }

        static Shape array(Shape elements) {
            return new Shape(null, elements);
        }

        /** Sentry's "values" interfaces: {@code {"values": [...]}} or the bare list. */
        static Shape values(Shape elements) {
            return new Shape(Map.of("values", array(elements)), elements);
        }

        private Shape field(String name) {
            return this == ALL ? ALL : fields == null ? null : fields.get(name);
        }

        /** Whether the value of {@code key}, a key of an object of this shape, is filtered. */
        private boolean sensitive(String key) {
            return fields == null ? PiiScrubber.isSensitiveKey(key) : sensitiveFields.contains(key);
        }

        private Shape element() {
            return this == ALL ? ALL : elements;
        }
    }

    /**
     * The root object of {@code json}, or null when the root is not an object or trailing tokens
     * follow it; the caller's full parse then says what is wrong.
     *
     * @throws IOException when the JSON is malformed
     */
    static ObjectNode read(JsonFactory factory, byte[] json, Shape shape, boolean scrub) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = object(p, shape, scrub, true);
            return p.nextToken() == null ? root : null;
        }
    }

    /** {@code event} with its data scrubbed, as a new tree. */
    static ObjectNode scrubbed(ObjectNode event) {
        try (JsonParser p = event.traverse()) {
            p.nextToken();
            return object(p, Shape.ALL, true, true);
        } catch (IOException e) {
            throw new IllegalStateException("a tree is always readable", e);
        }
    }

    private static ObjectNode object(JsonParser p, Shape shape, boolean scrub, boolean root) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            Shape field = shape.field(key);
            if (field == null) {
                p.skipChildren();
                continue;
            }
            JsonNode value;
            if (token == JsonToken.VALUE_NULL) {
                value = NODES.nullNode();
            } else if (scrub && shape.sensitive(key)) {
                p.skipChildren();
                value = FILTERED;
            } else {
                value = value(p, token, field, scrub && !(root && key.equals(EVENT_ID)), false);
            }
            node.replace(key, value);
        }
        return node;
    }

    /** @param element whether the value is an element of a list, where a list may be a [key, value] pair */
    private static JsonNode value(JsonParser p, JsonToken token, Shape shape, boolean scrub, boolean element)
            throws IOException {
        switch (token) {
            case START_OBJECT:
                if (shape == Shape.ALL || shape.fields != null) {
                    return object(p, shape, scrub, false);
                }
                p.skipChildren();
                return NODES.objectNode();
            case START_ARRAY:
                if (shape.element() != null) {
                    return array(p, shape.element(), scrub, element);
                }
                p.skipChildren();
                return NODES.arrayNode();
            case VALUE_STRING:
                String text = p.getText();
                return TextNode.valueOf(scrub ? PiiScrubber.scrubString(text) : text);
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                // As Jackson's tree deserializer does: JSON text gives doubles, a traversed tree its own kinds.
                return switch (p.getNumberTypeFP()) {
                    case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
                    case FLOAT32 -> NODES.numberNode(p.getFloatValue());
                    default -> NODES.numberNode(p.getDoubleValue());
                };
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT:
                Object embedded = p.getEmbeddedObject();
                return embedded instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(embedded);
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    /**
     * @param element whether this list is itself an element of a list: then it may be a
     *     {@code [key, value]} pair, whose key is left as sent and decides over the value
     */
    private static ArrayNode array(JsonParser p, Shape elements, boolean scrub, boolean element) throws IOException {
        ArrayNode node = NODES.arrayNode();
        boolean mayBePair = scrub && element;
        String firstText = null;
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (mayBePair && node.isEmpty() && token == JsonToken.VALUE_STRING) {
                firstText = p.getText();
                node.add(TextNode.valueOf(firstText));
            } else {
                node.add(value(p, token, elements, scrub, true));
            }
        }
        if (mayBePair) {
            if (JsonFields.isPair(node) && PiiScrubber.isSensitiveKey(node.get(0).asText())) {
                if (!node.get(1).isNull()) {
                    node.set(1, FILTERED);
                }
            } else if (firstText != null) {
                node.set(0, TextNode.valueOf(PiiScrubber.scrubString(firstText)));
            }
        }
        return node;
    }
}
