package io.faultwatch.api.notify;

import io.faultwatch.model.AlertChannel;
import java.util.List;

/**
 * What delivering a notification needs beyond the notification itself, looked up when it is delivered.
 *
 * @param channels the rule's channels now (empty when the rule was deleted)
 * @param issueId  the API id of the notification's issue, or null
 * @param link     where "open" points in the API: the issue's events, else the rule's alert history
 */
public record NotificationTarget(List<AlertChannel> channels, Long issueId, String link) {

    public static String link(String publicApiUrl, long projectId, long ruleId, Long issueId) {
        String project = publicApiUrl + "/api/v1/projects/" + projectId;
        return issueId != null ? project + "/issues/" + issueId + "/events" : project + "/alert-history?rule=" + ruleId;
    }
}
