package dev.mlops.monitoring.profile;

import dev.mlops.core.ValueType;
import java.util.Locale;

/**
 * How a column is profiled, decided by its {@link ValueType}. Immutable.
 *
 * <ul>
 *   <li>{@link #NUMERIC} (INT32, INT64, FLOAT32, FLOAT64): moments, min/max, quantile sketch,
 *       distinct-count sketch; NaN and ±infinity are counted apart and kept out of the statistics.</li>
 *   <li>{@link #CATEGORICAL} (STRING): frequent-items sketch and distinct-count sketch.</li>
 *   <li>{@link #BOOLEAN} (BOOL): exact true and false counts.</li>
 *   <li>{@link #TIMESTAMP} (TIMESTAMP): as numeric, over epoch microseconds (sub-microsecond parts
 *       are truncated).</li>
 *   <li>{@link #OTHER} (BYTES and the list types): count and nulls only.</li>
 * </ul>
 */
public enum ColumnKind {
    NUMERIC,
    CATEGORICAL,
    BOOLEAN,
    TIMESTAMP,
    OTHER;

    /** The kind a column of {@code type} is profiled as. */
    public static ColumnKind of(ValueType type) {
        return switch (type) {
            case INT32, INT64, FLOAT32, FLOAT64 -> NUMERIC;
            case STRING -> CATEGORICAL;
            case BOOL -> BOOLEAN;
            case TIMESTAMP -> TIMESTAMP;
            case BYTES, FLOAT32_LIST, FLOAT64_LIST, INT64_LIST, STRING_LIST -> OTHER;
        };
    }

    /** Whether columns of this kind carry moments, min/max and a quantile sketch. */
    public boolean hasQuantiles() {
        return this == NUMERIC || this == TIMESTAMP;
    }

    /** Whether columns of this kind carry a distinct-count (HLL) sketch. */
    public boolean hasDistinctSketch() {
        return this == NUMERIC || this == TIMESTAMP || this == CATEGORICAL;
    }

    /** The lower-case name used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
