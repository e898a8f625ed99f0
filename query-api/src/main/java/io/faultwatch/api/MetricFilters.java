package io.faultwatch.api;

/**
 * What a metrics query is narrowed to; null means any. Session counts have no issue or level, so only
 * environment and release narrow them.
 *
 * @param fingerprint the issue, by fingerprint (an issue id is looked up to it)
 */
public record MetricFilters(String environment, String release, String level, String fingerprint) {

    public static final MetricFilters NONE = new MetricFilters(null, null, null, null);

    public MetricFilters withFingerprint(String issueFingerprint) {
        return new MetricFilters(environment, release, level, issueFingerprint);
    }
}
