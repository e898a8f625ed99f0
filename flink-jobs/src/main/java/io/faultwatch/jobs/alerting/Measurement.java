package io.faultwatch.jobs.alerting;

/**
 * A rule's condition measured for one group at one time.
 *
 * @param baseline  spike only: the mean of the previous windows, else null
 * @param threshold what {@code value} is compared with
 * @param breaching the rule should fire
 * @param recovered a firing alert should resolve (false while between the thresholds: hysteresis)
 */
public record Measurement(double value, Double baseline, double threshold, boolean breaching, boolean recovered) {}
