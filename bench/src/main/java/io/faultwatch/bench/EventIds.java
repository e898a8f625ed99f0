package io.faultwatch.bench;

import java.util.Random;

/** Sentry event ids: 32 lowercase hex digits (a UUID without dashes). */
public final class EventIds {
    public static final int LENGTH = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EventIds() {}

    /** Writes a random id into {@code target}, which must be {@link #LENGTH} bytes long. */
    public static void randomInto(Random random, byte[] target) {
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            target[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            target[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
    }

    public static String random(Random random) {
        byte[] id = new byte[LENGTH];
        randomInto(random, id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
