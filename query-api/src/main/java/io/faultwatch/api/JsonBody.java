package io.faultwatch.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading request bodies: one JSON object, with no field the route does not know. */
final class JsonBody {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {}

    static JsonNode readObject(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalidBody("the body must be a JSON object");
        }
        return root;
    }

    /** @param prefix the path of the object in the body ({@code ""} or {@code "ignore."}), for the field names */
    static void checkFields(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.invalidParameter(prefix + name, "unknown field " + RequestParams.echo(prefix + name)
                        + "; expected " + known.stream().sorted().map(f -> prefix + f).collect(Collectors.joining(", ")));
            }
        }
    }
}
