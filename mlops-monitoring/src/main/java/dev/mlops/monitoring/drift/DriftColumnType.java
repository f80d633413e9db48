package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Locale;

/**
 * How a column's values are compared: as numbers (ordered, with a distance between values) or as
 * categories (labels compared by their frequencies). Set when a {@link Dataset} column is added;
 * for {@linkplain DriftDetector#compare(dev.mlops.monitoring.profile.DatasetProfile,
 * dev.mlops.monitoring.profile.DatasetProfile) profiles} derived from
 * {@link dev.mlops.monitoring.profile.ColumnKind} (numeric and timestamp columns are numeric,
 * categorical and boolean ones categorical). Not to be confused with that profile kind, which also
 * has boolean, timestamp and other. JSON names ({@code numeric}, {@code categorical}) are stable.
 */
public enum DriftColumnType {
    /** Numbers held as {@code double}; null, NaN and infinities are counted and left out. */
    NUMERIC,
    /** Labels held as strings; null is counted and left out, every other label is a category. */
    CATEGORICAL;

    /** The lower-case name used in JSON: {@code numeric} or {@code categorical}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind with this {@linkplain #jsonName() JSON name}.
     *
     * @throws InvalidArgumentException for any other name
     */
    public static DriftColumnType fromJsonName(String name) {
        for (DriftColumnType k : values()) {
            if (k.jsonName().equals(name)) {
                return k;
            }
        }
        throw new InvalidArgumentException("kind", "unknown column kind '" + name + "', expected numeric or categorical");
    }
}
