package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkIssueUpdateTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void theIdsAndTheChangeTheyAllGet() {
        BulkIssueUpdate bulk = BulkIssueUpdate.parse("{\"ids\":[3,1,2],\"status\":\"ignored\",\"ignore\":{\"count\":5}}", NOW);
        assertThat(bulk.ids()).containsExactly(3L, 1L, 2L);
        assertThat(bulk.update()).isEqualTo(new IssueUpdate(IssueStatus.IGNORED, false, null, null, 5L));
    }

    @Test
    void idsMustBeOneToAHundredDifferentPositiveIntegers() {
        for (String ids : List.of("[]", "[0]", "[1,1]", "[1.5]", "[\"1\"]", "7", "null")) {
            assertThatThrownBy(() -> BulkIssueUpdate.parse("{\"ids\":" + ids + ",\"status\":\"resolved\"}", NOW))
                    .as(ids).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("ids"));
        }
        String hundredAndOne = "[" + String.join(",", java.util.stream.IntStream.rangeClosed(1, 101)
                .mapToObj(String::valueOf).toList()) + "]";
        assertThatThrownBy(() -> BulkIssueUpdate.parse("{\"ids\":" + hundredAndOne + ",\"status\":\"resolved\"}", NOW))
                .hasMessageStartingWith("ids must be an array of 1 to 100 different positive issue ids");
    }

    @Test
    void theChangeIsCheckedLikeASingleIssues() {
        assertThatThrownBy(() -> BulkIssueUpdate.parse("{\"ids\":[1]}", NOW))
                .hasMessage("nothing to change: the body needs status, assignee or both");
        assertThatThrownBy(() -> BulkIssueUpdate.parse("{\"ids\":[1],\"status\":\"resolved\",\"ignore\":{}}", NOW))
                .hasMessage("ignore goes only with status ignored");
        assertThatThrownBy(() -> BulkIssueUpdate.parse("[1]", NOW)).hasMessage("the body must be a JSON object");
    }
}
