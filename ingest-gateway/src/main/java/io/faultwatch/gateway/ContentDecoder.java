package io.faultwatch.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes the request's {@code Content-Encoding} (gzip, deflate as zlib or raw, br). Decompresses in
 * small steps and stops as soon as the output passes the limit, so a small compressed body cannot
 * make the gateway allocate more than {@code limit} bytes (a decompression bomb ends as a 413).
 */
public final class ContentDecoder {
    private static final int CHUNK = 16 * 1024;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentDecoder() {}

    public static byte[] decode(String contentEncoding, byte[] body, int limit) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return checkSize(body, limit);
        }
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> readBounded(new GZIPInputStream(new ByteArrayInputStream(body), CHUNK), limit);
                // "deflate" is zlib-wrapped by the HTTP spec, but some clients send raw deflate.
                case "deflate" -> inflate(body, limit);
                case "br" -> readBounded(new BrotliInputStream(new ByteArrayInputStream(body)), limit);
                default -> throw new Rejection(415, "unsupported Content-Encoding: " + contentEncoding
                        + " (gzip, deflate, br and identity are accepted)");
            };
        } catch (IOException e) {
            throw new Rejection(400, "body is not valid " + encoding + ": " + e.getMessage(), e);
        }
    }

    /**
     * A store body after its Content-Encoding: JSON, or what old SDKs send without saying so,
     * base64 of zlib-compressed JSON (Sentry's legacy store format; Relay accepts it the same way).
     */
    public static byte[] decodeStoreBody(String contentEncoding, byte[] body, int limit) {
        byte[] decoded = decode(contentEncoding, body, limit);
        int first = firstNonWhitespace(decoded);
        if (first < 0 || decoded[first] == '{') {
            return decoded;
        }
        byte[] unwrapped;
        try {
            String text = new String(decoded, first, decoded.length - first, StandardCharsets.US_ASCII);
            unwrapped = Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException notBase64) {
            return decoded; // not the legacy format either; the JSON parser says what is wrong
        }
        if (isZlibHeader(unwrapped)) {
            try {
                return inflate(unwrapped, limit);
            } catch (IOException e) {
                throw new Rejection(400, "body is base64 but not valid zlib inside: " + e.getMessage(), e);
            }
        }
        int json = firstNonWhitespace(unwrapped);
        return json >= 0 && unwrapped[json] == '{' ? checkSize(unwrapped, limit) : decoded;
    }

    private static byte[] inflate(byte[] body, int limit) throws IOException {
        return readBounded(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!isZlibHeader(body)),
                CHUNK), limit);
    }

    private static byte[] checkSize(byte[] body, int limit) {
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static byte[] readBounded(InputStream in, int limit) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    static Rejection tooLarge(int limit) {
        return new Rejection(413, "request body is larger than the limit of " + limit + " bytes");
    }

    /** RFC 1950: compression method 8 in the low nibble and the two header bytes a multiple of 31. */
    private static boolean isZlibHeader(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    }

    private static int firstNonWhitespace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (!Character.isWhitespace(body[i])) {
                return i;
            }
        }
        return -1;
    }
}
