package io.faultwatch.api;

/**
 * What {@code GET /api/v1/error-metrics} is narrowed to; null means any.
 *
 * @param source    the service: the event's {@code service} tag, else its server name
 * @param errorType the thrown exception's type, as sent (e.g. java.lang.IllegalStateException)
 * @param level     the severity
 */
public record ErrorMetricFilters(Long projectId, String source, String errorType, String level) {}
