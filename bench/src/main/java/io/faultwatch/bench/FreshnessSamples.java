package io.faultwatch.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The freshness of each event: from its receive time at the gateway to the first write of its issue's
 * PostgreSQL row that includes it. A row includes the k-th event of its issue (in receive order) once
 * its times_seen is at least k; the write time is the row's updated_at (PostgreSQL's clock_timestamp()
 * in the job's upsert). Row versions are observed by polling, so of several writes between two polls
 * only the last is seen, which makes a sample late by at most the time between writes of that row.
 */
final class FreshnessSamples {

    /** A version of an issue row as polled: how many events it counts, and when the job wrote it. */
    record RowVersion(String issue, long timesSeen, long updatedAtMs) {}

    /** An event as stored: its issue and when the gateway received it. */
    record Received(String issue, long receivedAtMs) {}

    /** An event's freshness: how long after its receive time its issue row first included it. */
    record Sample(long receivedAtMs, long freshnessMs) {}

    private FreshnessSamples() {}

    /**
     * @param versions the polled row versions, in any order
     * @param events   every event counted by the rows, in any order
     * @return one sample per event that a polled version includes
     */
    static List<Sample> of(Collection<RowVersion> versions, Collection<Received> events) {
        Map<String, List<RowVersion>> byIssue = new HashMap<>();
        for (RowVersion version : versions) {
            byIssue.computeIfAbsent(version.issue(), issue -> new ArrayList<>()).add(version);
        }
        byIssue.values().forEach(list -> list.sort((a, b) -> Long.compare(a.timesSeen(), b.timesSeen())));
        Map<String, List<Long>> receivedByIssue = new HashMap<>();
        for (Received event : events) {
            receivedByIssue.computeIfAbsent(event.issue(), issue -> new ArrayList<>()).add(event.receivedAtMs());
        }
        List<Sample> samples = new ArrayList<>();
        receivedByIssue.forEach((issue, received) -> {
            received.sort(null);
            List<RowVersion> rows = byIssue.getOrDefault(issue, List.of());
            int row = 0;
            for (int k = 1; k <= received.size(); k++) {
                while (row < rows.size() && rows.get(row).timesSeen() < k) {
                    row++;
                }
                if (row == rows.size()) {
                    break;
                }
                long receivedAt = received.get(k - 1);
                samples.add(new Sample(receivedAt, rows.get(row).updatedAtMs() - receivedAt));
            }
        });
        return samples;
    }

    /** The p-th percentile (0 < p ≤ 100) by the nearest-rank method. */
    static long percentile(List<Long> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
