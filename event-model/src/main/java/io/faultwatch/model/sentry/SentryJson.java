package io.faultwatch.model.sentry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses JSON sent by SDKs, turning syntax errors into messages that say where they are. */
final class SentryJson {
    // Trailing garbage after the object means the body was cut or concatenated: reject it.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SentryJson() {}

    /** The parser settings of {@link #parse}, for reading a payload token by token. */
    static JsonFactory factory() {
        return MAPPER.getFactory();
    }

    static JsonNode parse(byte[] bytes, int offset, int length, String what) throws InvalidEventException {
        try {
            JsonNode node = MAPPER.readTree(bytes, offset, length);
            if (node == null || node.isMissingNode()) {
                throw new InvalidEventException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidEventException("malformed JSON in " + what + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException("unreadable JSON in " + what + ": " + e.getMessage(), e);
        }
    }
}
