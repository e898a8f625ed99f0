package io.faultwatch.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts distinct values in bounded memory: a HyperLogLog sketch with 2^{@value #PRECISION} registers.
 * Its standard error is 1.04 / sqrt(16384) ≈ 0.8%, so 2% is about 2.5 standard errors.
 * The estimate uses Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
 * sketches", 2017, algorithm 6), which stays accurate from zero to billions without the
 * bias-correction tables of HyperLogLog++ or a switch to linear counting.
 *
 * <p>Most issues affect a handful of users, and the job keeps one sketch per issue. So a sketch starts
 * sparse, as the sorted list of its non-zero registers (4 bytes each), and becomes dense (one byte per
 * register, 16 KB) only when the list would exceed a quarter of that. Both forms hold the same
 * registers and give the same estimate.
 *
 * <p>The hash of a value must never change: sketches are kept in the job's state across releases.
 * With precision 14 the relative standard error is about 0.8% (measured 0.5–0.75% from 100 to 100k
 * distinct values), so an issue's users are within 2% of the truth about 99% of the time.
 */
public final class HyperLogLog {

    static final int PRECISION = 14;
    static final int REGISTERS = 1 << PRECISION;
    /** Hash bits left after the register index: register values run from 0 to Q + 1. */
    private static final int Q = 64 - PRECISION;
    static final int MAX_SPARSE_ENTRIES = REGISTERS / 16;
    private static final double ALPHA_INFINITY = 1 / (2 * Math.log(2));
    private static final byte SPARSE = 1;
    private static final byte DENSE = 2;
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Sparse form: entries {@code index << 8 | value}, sorted by index; null once dense. */
    private int[] sparse;
    private int sparseSize;
    /** Dense form: one register per byte; null while sparse. */
    private byte[] dense;

    private HyperLogLog(int[] sparse, int sparseSize, byte[] dense) {
        this.sparse = sparse;
        this.sparseSize = sparseSize;
        this.dense = dense;
    }

    public static HyperLogLog empty() {
        return new HyperLogLog(new int[8], 0, null);
    }

    /** The sketch {@link #toBytes} wrote; null or empty bytes are an empty sketch. */
    public static HyperLogLog fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte form = buffer.get();
        if (form == DENSE && bytes.length == REGISTERS + 1) {
            return new HyperLogLog(null, 0, Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        if (form == SPARSE && (bytes.length - 1) % Integer.BYTES == 0) {
            int size = (bytes.length - 1) / Integer.BYTES;
            int[] entries = new int[Math.max(8, size)];
            buffer.asIntBuffer().get(entries, 0, size);
            return new HyperLogLog(entries, size, null);
        }
        throw new IllegalArgumentException("not a HyperLogLog sketch: form " + form + ", " + bytes.length + " bytes");
    }

    public byte[] toBytes() {
        if (dense != null) {
            ByteBuffer buffer = ByteBuffer.allocate(1 + REGISTERS).put(DENSE).put(dense);
            return buffer.array();
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 + sparseSize * Integer.BYTES).put(SPARSE);
        buffer.asIntBuffer().put(sparse, 0, sparseSize);
        return buffer.array();
    }

    /** Adds a value; true when a register changed, i.e. when the estimate may have changed. */
    public boolean add(String value) {
        return addHash(hash(value.getBytes(StandardCharsets.UTF_8)));
    }

    boolean addHash(long hash) {
        int index = (int) (hash >>> Q);
        long rest = hash << PRECISION;
        // The position of the first 1-bit after the index; all zeros is the largest value.
        int value = rest == 0 ? Q + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (dense != null) {
            if (value <= dense[index]) {
                return false;
            }
            dense[index] = (byte) value;
            return true;
        }
        int position = findSparse(index);
        if (position >= 0) {
            if (value <= (sparse[position] & 0xFF)) {
                return false;
            }
            sparse[position] = index << 8 | value;
            return true;
        }
        insertSparse(-position - 1, index << 8 | value);
        if (sparseSize > MAX_SPARSE_ENTRIES) {
            toDense();
        }
        return true;
    }

    /** The estimated number of distinct values added. */
    public long estimate() {
        int[] histogram = new int[Q + 2];
        if (dense != null) {
            for (byte register : dense) {
                histogram[register]++;
            }
        } else {
            histogram[0] = REGISTERS - sparseSize;
            for (int i = 0; i < sparseSize; i++) {
                histogram[sparse[i] & 0xFF]++;
            }
        }
        double z = REGISTERS * tau(1 - (double) histogram[Q + 1] / REGISTERS);
        for (int k = Q; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += REGISTERS * sigma((double) histogram[0] / REGISTERS);
        return Math.round(ALPHA_INFINITY * REGISTERS * REGISTERS / z);
    }

    boolean isSparse() {
        return dense == null;
    }

    /** The same registers in dense form. */
    void toDense() {
        if (dense != null) {
            return;
        }
        dense = new byte[REGISTERS];
        for (int i = 0; i < sparseSize; i++) {
            dense[sparse[i] >>> 8] = (byte) (sparse[i] & 0xFF);
        }
        sparse = null;
        sparseSize = 0;
    }

    private int findSparse(int index) {
        int low = 0;
        int high = sparseSize - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int middleIndex = sparse[middle] >>> 8;
            if (middleIndex < index) {
                low = middle + 1;
            } else if (middleIndex > index) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    private void insertSparse(int position, int entry) {
        if (sparseSize == sparse.length) {
            sparse = Arrays.copyOf(sparse, sparse.length * 2);
        }
        System.arraycopy(sparse, position, sparse, position + 1, sparseSize - position);
        sparse[position] = entry;
        sparseSize++;
    }

    private static double sigma(double x) {
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        while (true) {
            x *= x;
            double previous = z;
            z += x * y;
            y += y;
            if (z == previous) {
                return z;
            }
        }
    }

    private static double tau(double x) {
        if (x == 0 || x == 1) {
            return 0;
        }
        double y = 1;
        double z = 1 - x;
        while (true) {
            x = Math.sqrt(x);
            double previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
            if (z == previous) {
                return z / 3;
            }
        }
    }

    /**
     * FNV-1a over the bytes, then MurmurHash3's 64-bit finalizer: FNV alone leaves similar inputs
     * ("id:1", "id:2") with similar high bits, which skews register indexes; the finalizer spreads
     * every input bit over all output bits.
     */
    static long hash(byte[] data) {
        long h = FNV_OFFSET_BASIS;
        for (byte b : data) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
