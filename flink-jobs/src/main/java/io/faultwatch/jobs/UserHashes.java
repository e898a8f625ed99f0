package io.faultwatch.jobs;

import java.util.Arrays;

/** Sets of user hashes held as sorted arrays without duplicates, as the minute windows keep them. */
public final class UserHashes {

    private UserHashes() {}

    /** The hashes of {@code now} that {@code before} lacks (both sorted; {@code before} may be null), sorted. */
    public static long[] added(long[] now, long[] before) {
        if (before == null || before.length == 0) {
            return now;
        }
        long[] added = new long[now.length];
        int count = 0;
        int j = 0;
        for (long hash : now) {
            while (j < before.length && before[j] < hash) {
                j++;
            }
            if (j == before.length || before[j] != hash) {
                added[count++] = hash;
            }
        }
        return count == added.length ? added : Arrays.copyOf(added, count);
    }

    /** The hashes in either (both sorted and distinct), sorted and distinct; one of them when the other adds nothing. */
    public static long[] union(long[] a, long[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        long[] union = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < a.length || j < b.length) {
            long next;
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            union[count++] = next;
        }
        if (count == a.length) {
            return a;
        }
        return count == union.length ? union : Arrays.copyOf(union, count);
    }
}
