package io.faultwatch.jobs.alerting;

import java.util.HashMap;
import java.util.Map;

/**
 * The evaluation state of one rule for one group (an issue, or the whole project): the counts of its
 * sliding window, its streak, and where it stands in OK → FIRING → RESOLVED. A mutable Flink POJO,
 * changed only by {@link AlertStateMachine} and the {@link Condition}s.
 */
public class GroupState {
    /** Start of a bucket (epoch ms) → events (or sessions started) in it. */
    public Map<Long, Long> counts = new HashMap<>();
    /** Start of a bucket → sessions errored in it (error rate from sessions). */
    public Map<Long, Long> errored = new HashMap<>();
    /** Consecutive failures: failures in a row, and successes in a row since the last failure. */
    public long streak;
    public long successes;

    /** The latest receive time of a signal, epoch ms: time never runs backwards for the group. */
    public long latestSignalAt;
    public String environment;
    public String title;

    public boolean firing;
    /** Receive time of the signal that started the current firing: part of its notification ids. */
    public long firingSince;
    public long firstSeen;
    public long lastSeen;
    /** The current firing's FIRING notifications so far. */
    public int sent;
    /** The current firing started while the rule was muted: it is never notified. */
    public boolean silenced;

    /** When the group was last notified, epoch ms, or null: the action interval runs from there. */
    public Long lastNotifiedAt;

    public GroupState() {}
}
