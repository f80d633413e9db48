package dev.mlops.monitoring.profile;

/**
 * One value of a categorical (or boolean) column with its estimated count. When the column's
 * frequent-items sketch is exact ({@link ColumnProfile#frequentItemsExact()}), all three counts are
 * equal and exact; otherwise the true count lies in {@code [lowerBound, upperBound]}. Immutable.
 *
 * @param value the value; booleans appear as {@code "true"} and {@code "false"}
 * @param estimate the estimated count
 * @param lowerBound a guaranteed lower bound of the count
 * @param upperBound a guaranteed upper bound of the count
 */
public record FrequentItem(String value, long estimate, long lowerBound, long upperBound) {
}
