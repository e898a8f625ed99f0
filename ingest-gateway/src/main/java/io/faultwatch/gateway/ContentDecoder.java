package io.faultwatch.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the request's {@code Content-Encoding}. Decompresses in small steps and stops as soon as
 * the output passes the limit, so a small compressed body cannot make the gateway allocate more
 * than {@code limit} bytes (a decompression bomb ends as a 413).
 */
public final class ContentDecoder {
    private static final int CHUNK = 16 * 1024;

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
                case "deflate" -> readBounded(new InflaterInputStream(new ByteArrayInputStream(body),
                        new Inflater(!isZlibHeader(body)), CHUNK), limit);
                default -> throw new Rejection(415, "unsupported Content-Encoding: " + contentEncoding
                        + " (gzip, deflate and identity are accepted)");
            };
        } catch (IOException e) {
            throw new Rejection(400, "body is not valid " + encoding + ": " + e.getMessage(), e);
        }
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
}
