package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed events and the fingerprints, titles and culprits they must keep (grouping/hash-stability.json).
 * A failure here means existing issues would split or merge after an upgrade: see "Changing grouping"
 * in docs/grouping.md before updating an expected value.
 */
class GroupingHashStabilityTest {

    @Test
    void fixedEventsKeepTheirFingerprintsTitlesAndCulprits() {
        JsonNode pinned = GroupingResources.read("hash-stability.json");
        List<String> changed = new ArrayList<>();
        for (JsonNode entry : pinned.path("events")) {
            Grouping grouping = Fingerprinter.group(GroupingResources.event(entry.path("event")));
            Grouping expected = new Grouping(entry.path("fingerprint").asText(), entry.path("title").asText(),
                    entry.path("culprit").isNull() ? null : entry.path("culprit").asText());
            if (!grouping.equals(expected)) {
                changed.add(entry.path("event") + "\n    expected " + expected + "\n    got      " + grouping);
            }
        }

        assertThat(pinned.path("events").size()).isGreaterThanOrEqualTo(20);
        assertThat(changed).as("grouping version %s changed; see docs/grouping.md",
                pinned.path("groupingVersion").asText()).isEmpty();
    }
}
