package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Locale;

/**
 * Whether a column was compared, and if not, why. Only {@link #TESTED} columns have a test result
 * and count towards the dataset's drift share; the others are reported so that a schema change or
 * an empty column is visible rather than silently skipped.
 */
public enum ColumnStatus {
    /** Both sides have values; the column has a test result. */
    TESTED,
    /** The column is in the current data only. */
    MISSING_IN_REFERENCE,
    /** The column is in the reference data only. */
    MISSING_IN_CURRENT,
    /** The reference column has no usable value (all null, NaN or infinite). */
    NO_VALUES_IN_REFERENCE,
    /** The current column has no usable value (all null, NaN or infinite); the reference has some. */
    NO_VALUES_IN_CURRENT;

    /** The lower-case name used in JSON, such as {@code missing_in_current}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status with this {@linkplain #jsonName() JSON name}.
     *
     * @throws InvalidArgumentException for any other name
     */
    public static ColumnStatus fromJsonName(String name) {
        for (ColumnStatus s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new InvalidArgumentException("status", "unknown column status '" + name + "'");
    }
}
