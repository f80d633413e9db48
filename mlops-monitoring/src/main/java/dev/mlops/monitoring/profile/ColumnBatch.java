package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Columnar input for a {@link Profiler}: a number of rows and, per column, an array of values. The
 * fast way to profile, because values are read from primitive arrays without boxing.
 *
 * <p>Arrays are <em>not</em> copied: the caller must not change them until the batch has been
 * given to {@link Profiler#add(ColumnBatch)} and that call has returned. Nulls are marked with an
 * optional {@code boolean[] isNull} beside primitive arrays, and as null elements in object arrays.
 * Columns of the schema that the batch leaves out count as null in every row, as absent fields do
 * in the row path. Building a batch checks names and lengths; types are checked against the schema
 * when the batch is added.
 *
 * <p>Immutable once built (its arrays are the caller's); safe to share after building.
 */
public final class ColumnBatch {

    /** One column's data: one of the array types the builder accepts. */
    record Column(String name, Object values, boolean[] isNull) {
    }

    private final int rowCount;
    private final Map<String, Column> columns;

    private ColumnBatch(int rowCount, Map<String, Column> columns) {
        this.rowCount = rowCount;
        this.columns = Collections.unmodifiableMap(columns);
    }

    /** A builder for a batch of {@code rowCount} rows. */
    public static Builder builder(int rowCount) {
        if (rowCount < 0) {
            throw new InvalidArgumentException("rowCount", "must be >= 0, was " + rowCount);
        }
        return new Builder(rowCount);
    }

    /** The number of rows. */
    public int rowCount() {
        return rowCount;
    }

    Map<String, Column> columns() {
        return columns;
    }

    /** Builds a {@link ColumnBatch}; not thread-safe. */
    public static final class Builder {
        private final int rowCount;
        private final Map<String, Column> columns = new LinkedHashMap<>();

        private Builder(int rowCount) {
            this.rowCount = rowCount;
        }

        /** A FLOAT64 column; NaN and infinities are values, not nulls. */
        public Builder doubles(String name, double[] values) {
            return doubles(name, values, null);
        }

        /** A FLOAT64 column with nulls where {@code isNull[i]}. */
        public Builder doubles(String name, double[] values, boolean[] isNull) {
            return put(name, values, values == null ? -1 : values.length, isNull);
        }

        /** A FLOAT32 column. */
        public Builder floats(String name, float[] values, boolean[] isNull) {
            return put(name, values, values == null ? -1 : values.length, isNull);
        }

        /** An INT64 column. */
        public Builder longs(String name, long[] values, boolean[] isNull) {
            return put(name, values, values == null ? -1 : values.length, isNull);
        }

        /** An INT32 column. */
        public Builder ints(String name, int[] values, boolean[] isNull) {
            return put(name, values, values == null ? -1 : values.length, isNull);
        }

        /** A BOOL column. */
        public Builder booleans(String name, boolean[] values, boolean[] isNull) {
            return put(name, values, values == null ? -1 : values.length, isNull);
        }

        /** A STRING column; null elements are nulls. */
        public Builder strings(String name, String[] values) {
            return put(name, values, values == null ? -1 : values.length, null);
        }

        /** A TIMESTAMP column; null elements are nulls. */
        public Builder timestamps(String name, Instant[] values) {
            return put(name, values, values == null ? -1 : values.length, null);
        }

        /**
         * A column of any type as objects, each checked and converted like a row value
         * ({@link dev.mlops.core.Field#validate}); null elements are nulls. Slower than the typed
         * methods.
         */
        public Builder objects(String name, Object[] values) {
            return put(name, values, values == null ? -1 : values.length, null);
        }

        private Builder put(String name, Object values, int length, boolean[] isNull) {
            Names.require("column", name);
            if (values == null) {
                throw new InvalidArgumentException(name, "values are null");
            }
            if (length != rowCount) {
                throw new InvalidArgumentException(name, "has " + length + " values, the batch has " + rowCount
                        + " rows");
            }
            if (isNull != null && isNull.length != rowCount) {
                throw new InvalidArgumentException(name, "isNull has " + isNull.length + " entries, the batch has "
                        + rowCount + " rows");
            }
            if (columns.containsKey(name)) {
                throw new InvalidArgumentException(name, "column given twice");
            }
            columns.put(name, new Column(name, values, isNull));
            return this;
        }

        public ColumnBatch build() {
            return new ColumnBatch(rowCount, new LinkedHashMap<>(columns));
        }
    }
}
