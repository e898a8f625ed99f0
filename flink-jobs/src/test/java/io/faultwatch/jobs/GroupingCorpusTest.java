package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The labelled grouping corpus (grouping/corpus.json): pairs of realistic events that must, or must
 * not, share a fingerprint. Precision is the share of merged pairs that are one bug, recall the
 * share of same-bug pairs that were merged; both must be 100%.
 */
class GroupingCorpusTest {

    private static final Set<String> PLATFORMS = Set.of("java", "node", "python", "browser");
    private static final Set<String> MUST_GROUP_KINDS =
            Set.of("line-numbers", "message-ids", "user", "lambda-numbering", "release");
    private static final Set<String> MUST_SPLIT_KINDS = Set.of("exception-type", "call-site", "message-template");

    private record Outcome(String id, String platform, String kind, boolean expectGroup, boolean grouped,
            String why) {}

    /** Pair counts of one slice of the corpus. */
    private static final class Tally {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        int cases;

        void add(Outcome o) {
            cases++;
            if (o.grouped() && o.expectGroup()) {
                truePositives++;
            } else if (o.grouped()) {
                falsePositives++;
            } else if (o.expectGroup()) {
                falseNegatives++;
            }
        }

        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        private static double ratio(int part, int whole) {
            return whole == 0 ? 1.0 : (double) part / whole;
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-10s cases %3d  precision %6.2f%%  recall %6.2f%%",
                    name, cases, 100 * precision(), 100 * recall());
        }
    }

    @Test
    void groupsEveryLabelledPairAsLabelled() {
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode c : GroupingResources.read("corpus.json").path("cases")) {
            String a = Fingerprinter.group(GroupingResources.event(c.path("a"))).fingerprint();
            String b = Fingerprinter.group(GroupingResources.event(c.path("b"))).fingerprint();
            outcomes.add(new Outcome(c.path("id").asText(), c.path("platform").asText(), c.path("kind").asText(),
                    c.path("expect").asText().equals("group"), a.equals(b), c.path("why").asText()));
        }

        Tally total = new Tally();
        Map<String, Tally> byPlatform = new TreeMap<>();
        for (Outcome o : outcomes) {
            total.add(o);
            byPlatform.computeIfAbsent(o.platform(), p -> new Tally()).add(o);
        }
        System.out.println("Grouping corpus:");
        byPlatform.forEach((platform, tally) -> System.out.println("  " + tally.line(platform)));
        System.out.println("  " + total.line("total"));
        List<String> wrong = outcomes.stream().filter(o -> o.grouped() != o.expectGroup())
                .map(o -> o.id() + " (" + (o.expectGroup() ? "must group" : "must not group") + ": " + o.why() + ")")
                .toList();
        wrong.forEach(w -> System.out.println("  WRONG " + w));

        assertThat(wrong).as("pairs grouped against their label").isEmpty();
        assertThat(total.precision()).isEqualTo(1.0);
        assertThat(total.recall()).isEqualTo(1.0);
    }

    @Test
    void coversThePlatformsAndKindsTheIssueAsksFor() {
        List<JsonNode> cases = new ArrayList<>();
        GroupingResources.read("corpus.json").path("cases").forEach(cases::add);

        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        assertThat(cases).extracting(c -> c.path("platform").asText()).containsAll(PLATFORMS);
        assertThat(cases).filteredOn(c -> c.path("expect").asText().equals("group"))
                .extracting(c -> c.path("kind").asText()).containsAll(MUST_GROUP_KINDS);
        assertThat(cases).filteredOn(c -> c.path("expect").asText().equals("split"))
                .extracting(c -> c.path("kind").asText()).containsAll(MUST_SPLIT_KINDS);
        assertThat(cases).extracting(c -> c.path("expect").asText()).containsOnly("group", "split");
        assertThat(cases).extracting(c -> c.path("id").asText()).doesNotHaveDuplicates();
    }
}
