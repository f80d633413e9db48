package dev.mlops.featurestore;

import java.util.OptionalDouble;

/**
 * Summary statistics of one feature over a view's offline history.
 *
 * <p>For numeric features (int32, int64, float32, float64) min, max and mean are over the non-null
 * values that are not NaN (infinities included); for other types, and when there is no such value,
 * they are empty.
 *
 * @param name the feature
 * @param count non-null values
 * @param nulls null values
 * @param nans NaN values (counted in {@code count}, left out of min, max and mean)
 * @param min the smallest value
 * @param max the largest value
 * @param mean the arithmetic mean
 */
public record FeatureStatistics(String name, long count, long nulls, long nans, OptionalDouble min, OptionalDouble max,
        OptionalDouble mean) {}
