package io.faultwatch.api;

import java.util.List;

/**
 * What {@code GET /api/v1/error-metrics} is narrowed to; null means any.
 *
 * @param projects  the projects it covers: the one asked for, else all of the caller's organization
 * @param projectId the project asked for, or null
 * @param source    the service: the event's {@code service} tag, else its server name
 * @param errorType the thrown exception's type, as sent (e.g. java.lang.IllegalStateException)
 * @param level     the severity
 */
public record ErrorMetricFilters(List<Long> projects, Long projectId, String source, String errorType, String level) {

    public ErrorMetricFilters {
        projects = List.copyOf(projects);
    }
}
