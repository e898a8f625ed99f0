package io.faultwatch.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and checks JSON request bodies; every refusal names the field and what is wrong with it. Pure. */
final class JsonBody {

    static final int MAX_NAME_LENGTH = 200;
    /** Slugs go into URLs and CLI arguments: lowercase letters, digits and dashes. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

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

    /**
     * Refuses fields the endpoint does not know, so a typo is not silently ignored.
     *
     * @param prefix the path of the object in the body ({@code ""} or {@code "ignore."}), for the field names
     */
    static void checkFields(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.invalidParameter(prefix + name, "unknown field " + RequestParams.echo(prefix + name)
                        + "; expected " + known.stream().sorted().map(f -> prefix + f).collect(Collectors.joining(", ")));
            }
        }
    }

    /** A display name: required, 1 to {@link #MAX_NAME_LENGTH} characters after trimming. */
    static String name(JsonNode object, String field) {
        JsonNode value = object.get(field);
        String name = value != null && value.isTextual() ? value.asText().strip() : "";
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidParameter(field, field + " must be a string of 1 to " + MAX_NAME_LENGTH
                    + " characters, got " + RequestParams.echo(value == null ? null : value.toString()));
        }
        return name;
    }

    /** The slug given, or one made from {@code name} when the body has none. */
    static String slug(JsonNode object, String name) {
        JsonNode value = object.get("slug");
        if (value == null || value.isNull()) {
            String derived = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            derived = derived.length() > 50 ? derived.substring(0, 50).replaceAll("-+$", "") : derived;
            if (!SLUG.matcher(derived).matches()) {
                throw ApiException.invalidParameter("slug", "slug cannot be made from name " + RequestParams.echo(name)
                        + "; give one: lowercase letters, digits and dashes");
            }
            return derived;
        }
        if (!value.isTextual() || !SLUG.matcher(value.asText()).matches()) {
            throw ApiException.invalidParameter("slug", "slug must be 1 to 50 lowercase letters, digits and dashes,"
                    + " starting with a letter or digit, got " + RequestParams.echo(value.toString()));
        }
        return value.asText();
    }

    static boolean bool(JsonNode value, String field) {
        if (value == null || !value.isBoolean()) {
            throw ApiException.invalidParameter(field, field + " must be true or false, got "
                    + RequestParams.echo(value == null ? null : value.toString()));
        }
        return value.asBoolean();
    }

    /** An integer in min..max. */
    static int integer(JsonNode value, String field, int min, int max) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                || value.asInt() < min || value.asInt() > max) {
            throw ApiException.invalidParameter(field, field + " must be an integer between " + min + " and " + max
                    + ", got " + RequestParams.echo(value == null ? null : value.toString()));
        }
        return value.asInt();
    }
}
