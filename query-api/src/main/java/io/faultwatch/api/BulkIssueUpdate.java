package io.faultwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PUT /api/v1/projects/{id}/issues}: {@code ids} (1 to {@link #MAX_IDS} issues) and the
 * change every one of them gets, in the shape of a single issue's {@link IssueUpdate}.
 */
record BulkIssueUpdate(List<Long> ids, IssueUpdate update) {

    static final int MAX_IDS = 100;
    private static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(IssueUpdate.FIELDS);
        fields.add("ids");
        FIELDS = Set.copyOf(fields);
    }

    static BulkIssueUpdate parse(String body, Instant now) {
        JsonNode root = JsonBody.readObject(body);
        JsonBody.checkFields(root, FIELDS, "");
        List<Long> ids = ids(root.get("ids"));
        ObjectNode change = ((ObjectNode) root).deepCopy();
        change.remove("ids");
        return new BulkIssueUpdate(ids, IssueUpdate.parse(change, now));
    }

    private static List<Long> ids(JsonNode value) {
        Set<Long> ids = new LinkedHashSet<>();
        boolean valid = value != null && value.isArray() && value.size() >= 1 && value.size() <= MAX_IDS;
        if (valid) {
            for (JsonNode id : value) {
                if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1 || !ids.add(id.asLong())) {
                    valid = false;
                    break;
                }
            }
        }
        if (!valid) {
            throw ApiException.invalidParameter("ids", "ids must be an array of 1 to " + MAX_IDS
                    + " different positive issue ids, got " + RequestParams.echo(value == null ? null : value.toString()));
        }
        return new ArrayList<>(ids);
    }
}
