package dev.mlops.monitoring.profile;

/**
 * An estimate of the number of distinct non-null values of a column, with bounds at two standard
 * deviations (about 95 % confidence). Exact for boolean columns and for small counts, where the HLL
 * sketch still keeps the individual hashes. Immutable.
 *
 * @param estimate the estimate
 * @param lowerBound lower bound, two standard deviations
 * @param upperBound upper bound, two standard deviations
 */
public record DistinctCount(double estimate, double lowerBound, double upperBound) {
}
