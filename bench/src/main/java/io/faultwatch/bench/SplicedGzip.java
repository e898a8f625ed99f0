package io.faultwatch.bench;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip body whose fixed-length slots (the event id) change per request while everything else was
 * compressed once. The literal parts between the slots are deflated independently and end on a
 * byte boundary (SYNC_FLUSH); each slot is written as an uncompressed "stored" deflate block
 * (RFC 1951 §3.2.4). Any gzip reader sees one ordinary member. This keeps the load generator from
 * spending a core on compression that the measured SDKs would spend on their own machines.
 */
final class SplicedGzip {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

    private final byte[][] compressedParts;
    private final int[] slotOffsets;
    private final int slotLength;
    private final int size;

    /**
     * @param body        the uncompressed body; slots must not overlap and must be in ascending order
     * @param slotOffsets where the variable bytes start
     */
    SplicedGzip(byte[] body, int[] slotOffsets, int slotLength) {
        this.slotOffsets = slotOffsets.clone();
        this.slotLength = slotLength;
        this.compressedParts = new byte[slotOffsets.length + 1][];
        int from = 0;
        int total = HEADER.length + 8 + slotOffsets.length * (5 + slotLength);
        for (int i = 0; i <= slotOffsets.length; i++) {
            int to = i < slotOffsets.length ? slotOffsets[i] : body.length;
            if (to < from) {
                throw new IllegalArgumentException("slots overlap or are not in ascending order");
            }
            compressedParts[i] = deflate(body, from, to - from, i == slotOffsets.length);
            total += compressedParts[i].length;
            from = to + slotLength;
        }
        this.size = total;
    }

    /** The gzip bytes of {@code body}, which must equal the template body except inside the slots. */
    byte[] write(byte[] body) {
        byte[] out = new byte[size];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        int pos = HEADER.length;
        for (int i = 0; i < compressedParts.length; i++) {
            System.arraycopy(compressedParts[i], 0, out, pos, compressedParts[i].length);
            pos += compressedParts[i].length;
            if (i < slotOffsets.length) {
                out[pos++] = 0; // BFINAL=0, BTYPE=00 (stored); we are byte-aligned after a sync flush
                out[pos++] = (byte) slotLength;
                out[pos++] = (byte) (slotLength >>> 8);
                out[pos++] = (byte) ~slotLength;
                out[pos++] = (byte) (~slotLength >>> 8);
                System.arraycopy(body, slotOffsets[i], out, pos, slotLength);
                pos += slotLength;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        writeIntLe(out, pos, (int) crc.getValue());
        writeIntLe(out, pos + 4, body.length);
        return out;
    }

    private static byte[] deflate(byte[] data, int offset, int length, boolean last) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[4096];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                // A sync flush is complete once it leaves room in the buffer (java.util.zip.Deflater docs).
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(byte[] out, int pos, int value) {
        out[pos] = (byte) value;
        out[pos + 1] = (byte) (value >>> 8);
        out[pos + 2] = (byte) (value >>> 16);
        out[pos + 3] = (byte) (value >>> 24);
    }
}
