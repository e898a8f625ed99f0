package io.faultwatch.model.sentry;

import io.faultwatch.model.EventLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link EventLimits} while one event is converted and remembers what it cut, under the
 * canonical paths that {@link io.faultwatch.model.ErrorEvent#trimmed()} documents. One instance
 * per event; not thread-safe.
 */
final class Trimmer {
    private final Map<String, Integer> removed = new LinkedHashMap<>();

    /** {@code value} cut to {@code maxChars} including the marker; never splits a surrogate pair. */
    String string(String value, int maxChars, String path) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        int keep = maxChars - EventLimits.TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        count(path, value.length() - keep);
        return value.substring(0, keep) + EventLimits.TRUNCATION_MARKER;
    }

    <T> List<T> keepFirst(List<T> items, int max, String path) {
        if (items.size() <= max) {
            return items;
        }
        count(path, items.size() - max);
        return items.subList(0, max);
    }

    /** For lists whose newest entries matter most, such as breadcrumbs. */
    <T> List<T> keepLast(List<T> items, int max, String path) {
        if (items.size() <= max) {
            return items;
        }
        count(path, items.size() - max);
        return items.subList(items.size() - max, items.size());
    }

    /**
     * Cuts the middle: in a stack trace the entry point and the raising frames tell most, and in an
     * exception chain the root cause and the thrown exception do.
     */
    <T> List<T> keepEnds(List<T> items, int max, String path) {
        if (items.size() <= max) {
            return items;
        }
        count(path, items.size() - max);
        int head = (max + 1) / 2;
        List<T> kept = new ArrayList<>(items.subList(0, head));
        kept.addAll(items.subList(items.size() - (max - head), items.size()));
        return kept;
    }

    Map<String, Integer> removed() {
        return removed;
    }

    private void count(String path, int amount) {
        removed.merge(path, amount, Integer::sum);
    }
}
