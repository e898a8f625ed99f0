package io.faultwatch.jobs;

import java.util.Objects;

/**
 * What a metric row is counted per: project, environment, release, issue fingerprint and level. An
 * absent value is "" (never null), as in ClickHouse. Session metrics leave fingerprint and level "".
 */
public record MetricKey(long projectId, String environment, String release, String fingerprint, String level) {

    public MetricKey {
        environment = Objects.requireNonNullElse(environment, "");
        release = Objects.requireNonNullElse(release, "");
        fingerprint = Objects.requireNonNullElse(fingerprint, "");
        level = Objects.requireNonNullElse(level, "");
    }

    /**
     * Flink assigns keys to key groups by {@code hashCode}, and savepoints rely on that assignment, so it
     * must not depend on the JDK: a record's generated hash is unspecified, {@link Objects#hash} is not.
     */
    @Override
    public int hashCode() {
        return Objects.hash(projectId, environment, release, fingerprint, level);
    }
}
