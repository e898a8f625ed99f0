package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.IssueCommand;
import io.faultwatch.model.IssueStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssueUpdateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void readsAStatusChangeWithIgnoreOptions() {
        IssueUpdate update = IssueUpdate.parse("""
                {"status":"ignored","ignore":{"until":"2026-12-01T00:00:00.1234Z","count":100}}""", NOW);

        assertThat(update).isEqualTo(new IssueUpdate(IssueStatus.IGNORED, false, null,
                Instant.parse("2026-12-01T00:00:00.123Z"), 100L));
        assertThat(update.command(7, "abc", NOW)).isEqualTo(new IssueCommand(7, "abc", IssueStatus.IGNORED,
                NOW.toEpochMilli(), Instant.parse("2026-12-01T00:00:00.123Z").toEpochMilli(), 100L));
    }

    @Test
    void ignoredWithoutOptionsIsForever() {
        assertThat(IssueUpdate.parse("{\"status\":\"ignored\"}", NOW))
                .isEqualTo(new IssueUpdate(IssueStatus.IGNORED, false, null, null, null));
        assertThat(IssueUpdate.parse("{\"status\":\"ignored\",\"ignore\":{}}", NOW))
                .isEqualTo(new IssueUpdate(IssueStatus.IGNORED, false, null, null, null));
    }

    @Test
    void anAssigneeAloneChangesNoStatusAndNeedsNoCommand() {
        IssueUpdate assign = IssueUpdate.parse("{\"assignee\":\"  ann@example.com \"}", NOW);
        assertThat(assign).isEqualTo(new IssueUpdate(null, true, "ann@example.com", null, null));
        assertThat(assign.command(7, "abc", NOW)).isNull();

        assertThat(IssueUpdate.parse("{\"status\":\"resolved\",\"assignee\":null}", NOW))
                .isEqualTo(new IssueUpdate(IssueStatus.RESOLVED, true, null, null, null));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "''| null | the body must be a JSON object",
        "[1] | null | the body must be a JSON object",
        "{\"status\": | null | the body must be a JSON object",
        "{\"status\":\"resolved\",\"status\":\"ignored\"} | null | the body must be a JSON object",
        "{} | null | nothing to change: the body needs status, assignee or both",
        "{\"ignore\":{}} | null | nothing to change: the body needs status, assignee or both",
        "{\"status\":\"closed\"} | status | status must be one of unresolved, resolved, resolved_in_next_release,"
            + " ignored, got '\"closed\"'",
        "{\"status\":null} | status | status must be one of unresolved, resolved, resolved_in_next_release,"
            + " ignored, got 'null'",
        "{\"status\":\"resolved\",\"priority\":1} | priority | unknown field 'priority'; expected assignee, ignore,"
            + " status",
        "{\"status\":\"resolved\",\"ignore\":{\"count\":5}} | ignore | ignore goes only with status ignored",
        "{\"status\":\"ignored\",\"ignore\":5} | ignore | ignore must be an object with until, count or both",
        "{\"status\":\"ignored\",\"ignore\":{\"minutes\":5}} | ignore.minutes | unknown field 'ignore.minutes';"
            + " expected ignore.count, ignore.until",
        "{\"status\":\"ignored\",\"ignore\":{\"count\":0}} | ignore.count | ignore.count must be an integer between 1"
            + " and 1000000000, got '0'",
        "{\"status\":\"ignored\",\"ignore\":{\"count\":2.5}} | ignore.count | ignore.count must be an integer"
            + " between 1 and 1000000000, got '2.5'",
        "{\"status\":\"ignored\",\"ignore\":{\"count\":\"5\"}} | ignore.count | ignore.count must be an integer"
            + " between 1 and 1000000000, got '\"5\"'",
        "{\"status\":\"ignored\",\"ignore\":{\"until\":\"tomorrow\"}} | ignore.until | ignore.until must be an"
            + " ISO-8601 instant such as 2026-12-01T00:00:00Z, got '\"tomorrow\"'",
        "{\"status\":\"ignored\",\"ignore\":{\"until\":\"2026-11-22T10:00:00Z\"}} | ignore.until | ignore.until must"
            + " be after 2026-11-22T10:00:00Z and at most 9999-12-31T23:59:59Z, got '2026-11-22T10:00:00Z'",
        "{\"assignee\":\"\"} | assignee | assignee must be null or a name of 1 to 200 characters, got '\"\"'",
        "{\"assignee\":42} | assignee | assignee must be null or a name of 1 to 200 characters, got '42'"})
    void refusesWhatItCannotApplyNamingTheField(String body, String field, String message) {
        assertThatThrownBy(() -> IssueUpdate.parse(body, NOW)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(field == null ? "invalid_body" : "invalid_parameter");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
