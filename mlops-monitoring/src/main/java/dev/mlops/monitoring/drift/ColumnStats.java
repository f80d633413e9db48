package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.OptionalDouble;

/**
 * What one side (reference or current) of a column held: how many rows, how many were left out and
 * why, how many distinct values the rest had, and for numeric columns their mean, population
 * standard deviation, minimum and maximum (over the usable values; absent when there are none, and
 * always absent for categorical columns).
 *
 * <p>An immutable value.
 *
 * @param rows the rows of the dataset
 * @param nulls values that were null
 * @param nan values that were NaN (numeric columns only)
 * @param infinite values that were +∞ or −∞ (numeric columns only)
 * @param distinct distinct usable values
 * @param mean mean of the usable values
 * @param std population standard deviation (ddof = 0) of the usable values
 * @param min smallest usable value
 * @param max largest usable value
 */
public record ColumnStats(long rows, long nulls, long nan, long infinite, long distinct,
                          OptionalDouble mean, OptionalDouble std, OptionalDouble min, OptionalDouble max) {

    /** Validates the counts. */
    public ColumnStats {
        if (rows < 0 || nulls < 0 || nan < 0 || infinite < 0 || distinct < 0) {
            throw new InvalidArgumentException("stats", "counts must not be negative");
        }
        if (nulls + nan + infinite > rows) {
            throw new InvalidArgumentException("stats", "nulls + nan + infinite (" + (nulls + nan + infinite)
                    + ") exceed rows (" + rows + ")");
        }
        if (distinct > rows - nulls - nan - infinite) {
            throw new InvalidArgumentException("stats", "distinct (" + distinct + ") exceeds the usable values ("
                    + (rows - nulls - nan - infinite) + ")");
        }
        if (mean == null || std == null || min == null || max == null) {
            throw new InvalidArgumentException("stats", "use OptionalDouble.empty(), not null");
        }
    }

    /** The usable values: rows minus nulls, NaN and infinities. These are what the test compares. */
    public long valid() {
        return rows - nulls - nan - infinite;
    }

    /** Share of rows left out (null, NaN or infinite); 0 for an empty dataset. */
    public double missingShare() {
        return rows == 0 ? 0 : (double) (rows - valid()) / rows;
    }
}
