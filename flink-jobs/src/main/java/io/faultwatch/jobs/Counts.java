package io.faultwatch.jobs;

import java.util.Arrays;

/** Arithmetic on count vectors ({@code [events]}, or the {@link SessionCounts}). */
public final class Counts {

    private Counts() {}

    /** Element-wise; where the shorter array ends it counts as zeros. Null counts as empty. */
    public static long[] plus(long[] a, long[] b) {
        long[] left = a == null ? new long[0] : a;
        long[] right = b == null ? new long[0] : b;
        long[] longer = left.length >= right.length ? left : right;
        long[] shorter = longer == left ? right : left;
        long[] total = Arrays.copyOf(longer, longer.length);
        for (int i = 0; i < shorter.length; i++) {
            total[i] += shorter[i];
        }
        return total;
    }

    /** {@code a - b}, element-wise, as {@link #plus}. */
    public static long[] minus(long[] a, long[] b) {
        long[] negated = b == null ? new long[0] : Arrays.stream(b).map(count -> -count).toArray();
        return plus(a, negated);
    }
}
