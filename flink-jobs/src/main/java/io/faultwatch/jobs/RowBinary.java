package io.faultwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in ClickHouse's {@code RowBinary} format, appended to one growing buffer: integers little-endian
 * and fixed-width, strings and arrays prefixed by their length as an unsigned LEB128 varint. The server
 * reads it without parsing text or unescaping, and a value can never be read as SQL; for rows carrying a
 * few-KB event, writing JSON (escaping every character) cost the job more than anything else it did.
 * ClickHouse 18.16 and current releases read it alike.
 */
public final class RowBinary {

    private byte[] buffer;
    private int size;

    public RowBinary(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public RowBinary uint64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** ClickHouse's {@code DateTime}: epoch seconds as an unsigned 32-bit integer. */
    public RowBinary dateTime(long epochSeconds) {
        if (epochSeconds < 0 || epochSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a DateTime holds epoch seconds from 0 to 2^32-1, not " + epochSeconds);
        }
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[size++] = (byte) (epochSeconds >>> (8 * i));
        }
        return this;
    }

    public RowBinary uint16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a UInt16 holds 0 to 65535, not " + value);
        }
        ensure(2);
        buffer[size++] = (byte) value;
        buffer[size++] = (byte) (value >>> 8);
        return this;
    }

    /** A String column: null is written as "", as the tables have no Nullable columns. */
    public RowBinary string(String value) {
        return value == null || value.isEmpty() ? varint(0) : string(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A String column from bytes that already are its value (UTF-8 text, as the tables expect). */
    public RowBinary string(byte[] value) {
        varint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    public RowBinary stringArray(String[] values) {
        varint(values.length);
        for (String value : values) {
            string(value);
        }
        return this;
    }

    public RowBinary uint64Array(long[] values) {
        varint(values.length);
        for (long value : values) {
            uint64(value);
        }
        return this;
    }

    /** The bytes written so far, a copy. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** The buffer itself, valid up to {@link #size()}, until the next write. */
    public byte[] buffer() {
        return buffer;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    private RowBinary varint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
