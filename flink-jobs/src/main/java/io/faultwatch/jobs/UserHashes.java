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
}
