package io.faultwatch.jobs;

import io.faultwatch.model.SessionRecord;
import java.util.List;

/**
 * The release-health counts a session record contributes, in the order of the {@code *_counts} arrays
 * of ClickHouse {@code session_metrics_rows} ({@link #NAMES}):
 * <ul>
 *   <li>started: sessions that started;
 *   <li>exited: sessions that ended normally, with or without handled errors;
 *   <li>errored: sessions that saw an error, crashed and abnormal ones included (Sentry's "unhealthy");
 *   <li>crashed, abnormal: sessions that ended so.
 * </ul>
 * An SDK reports a session several times, so each update is compared with what was already counted for
 * its session ({@link #flags}): a session is started once (on its init update), errored once (on its
 * first update with errors or an unhealthy status) and ended once. An aggregate bucket carries counts
 * of sessions that all started and ended in it. Pure: no Flink types.
 */
public final class SessionCounts {

    public static final List<String> NAMES = List.of("started", "exited", "errored", "crashed", "abnormal");
    public static final int STARTED = 0;
    public static final int EXITED = 1;
    public static final int ERRORED = 2;
    public static final int CRASHED = 3;
    public static final int ABNORMAL = 4;

    /** What has been counted of one session, as bits. */
    public static final byte COUNTED_START = 1;
    public static final byte COUNTED_ERROR = 2;
    public static final byte COUNTED_END = 4;

    /**
     * @param counts what the update adds, all zero when it adds nothing
     * @param flags  what has been counted of its session afterwards
     */
    public record Update(long[] counts, byte flags) {
        public boolean isEmpty() {
            for (long count : counts) {
                if (count != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private SessionCounts() {}

    /** The counts of one update of a single session, given what was counted of it before. */
    public static Update ofUpdate(SessionRecord update, byte flags) {
        long[] counts = new long[NAMES.size()];
        String status = update.status();
        if (Boolean.TRUE.equals(update.init()) && (flags & COUNTED_START) == 0) {
            counts[STARTED] = 1;
            flags |= COUNTED_START;
        }
        boolean unhealthy = "errored".equals(status) || "crashed".equals(status) || "abnormal".equals(status);
        boolean hadErrors = update.errors() != null && update.errors() > 0;
        if ((unhealthy || hadErrors) && (flags & COUNTED_ERROR) == 0) {
            counts[ERRORED] = 1;
            flags |= COUNTED_ERROR;
        }
        int end = switch (status == null ? "" : status) {
            case "exited" -> EXITED;
            case "crashed" -> CRASHED;
            case "abnormal" -> ABNORMAL;
            default -> -1;
        };
        if (end >= 0 && (flags & COUNTED_END) == 0) {
            counts[end] = 1;
            flags |= COUNTED_END;
        }
        return new Update(counts, flags);
    }

    /** The counts of an aggregate bucket: its sessions ended exited, errored (normally), abnormal or crashed. */
    public static long[] ofAggregate(SessionRecord bucket) {
        long[] counts = new long[NAMES.size()];
        counts[STARTED] = bucket.aggregateTotal();
        counts[EXITED] = bucket.exited() + bucket.errored();
        counts[ERRORED] = bucket.errored() + bucket.abnormal() + bucket.crashed();
        counts[CRASHED] = bucket.crashed();
        counts[ABNORMAL] = bucket.abnormal();
        return counts;
    }
}
