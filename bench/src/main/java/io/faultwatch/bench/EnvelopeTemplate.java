package io.faultwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One serialized envelope (header, one event item) framed the way its SDK frames it, from which a
 * request body with a fresh event id is made cheaply: the id occurs in the envelope header and in the
 * event, always as 32 hex digits, so it is overwritten in place (item lengths stay valid) and, for
 * gzipping SDKs, spliced into the compressed body without compressing again.
 */
public final class EnvelopeTemplate {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SdkProfile profile;
    private final byte[] body;
    private final int[] idOffsets;
    private final SplicedGzip gzip;

    private EnvelopeTemplate(SdkProfile profile, byte[] body, int[] idOffsets) {
        this.profile = profile;
        this.body = body;
        this.idOffsets = idOffsets;
        this.gzip = profile.gzip() ? new SplicedGzip(body, idOffsets, EventIds.LENGTH) : null;
    }

    /** {@code header} and {@code event} must carry the same {@code event_id}. */
    public static EnvelopeTemplate of(SdkProfile profile, ObjectNode header, ObjectNode event) {
        String eventId = header.path("event_id").asText();
        if (eventId.length() != EventIds.LENGTH || !eventId.equals(event.path("event_id").asText())) {
            throw new IllegalArgumentException("header and event need the same 32-digit event_id, got " + eventId);
        }
        byte[] body = serialize(profile, header, event);
        return new EnvelopeTemplate(profile, body, occurrences(body, eventId.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] serialize(SdkProfile profile, ObjectNode header, ObjectNode event) {
        try {
            byte[] payload = MAPPER.writeValueAsBytes(event);
            ObjectNode itemHeader = MAPPER.createObjectNode();
            if (profile == SdkProfile.JAVA) {
                itemHeader.put("content_type", "application/json");
            }
            itemHeader.put("type", "event");
            if (profile == SdkProfile.PYTHON) {
                itemHeader.put("content_type", "application/json");
            }
            if (profile.itemLength()) {
                itemHeader.put("length", payload.length);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 512);
            out.writeBytes(MAPPER.writeValueAsBytes(header));
            out.write('\n');
            out.writeBytes(MAPPER.writeValueAsBytes(itemHeader));
            out.write('\n');
            out.writeBytes(payload);
            if (profile.trailingNewline()) {
                out.write('\n');
            }
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] occurrences(byte[] haystack, byte[] needle) {
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found.add(i);
            i += needle.length - 1;
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    public SdkProfile profile() {
        return profile;
    }

    /** Decompressed size in bytes, as the gateway sees it after decoding. */
    public int size() {
        return body.length;
    }

    /** The uncompressed envelope with {@code eventId} (32 ASCII hex digits) in every id position. */
    public byte[] body(byte[] eventId) {
        if (eventId.length != EventIds.LENGTH) {
            throw new IllegalArgumentException("event ids are " + EventIds.LENGTH + " bytes");
        }
        byte[] copy = body.clone();
        for (int offset : idOffsets) {
            System.arraycopy(eventId, 0, copy, offset, EventIds.LENGTH);
        }
        return copy;
    }

    /** What goes on the wire for {@code body} (a result of {@link #body}): gzip for the SDKs that gzip. */
    public byte[] wireBody(byte[] body) {
        return gzip == null ? body : gzip.write(body);
    }
}
