package dev.mlops.monitoring.drift;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small in-memory table for drift detection: named columns of equal length, each either
 * {@linkplain DriftColumnType#NUMERIC numeric} ({@code double} values) or
 * {@linkplain DriftColumnType#CATEGORICAL categorical} (labels). {@link DriftDetector#compare(Dataset,
 * Dataset)} compares two of them column by column, matching columns by name.
 *
 * <p>Built with {@link #builder()} from arrays, or with {@link #fromRows(Schema, List)} from rows
 * of a {@link Schema}. Arrays are copied when a column is added, so the caller may reuse them.
 *
 * <p><b>Missing and non-finite values.</b> A numeric column may hold nulls (pass a {@code Double[]})
 * and NaN or infinities; a categorical column may hold nulls. None of these take part in a test:
 * they are left out and counted ({@link ColumnStats#nulls()}, {@link ColumnStats#nan()},
 * {@link ColumnStats#infinite()}), so a report shows both the comparison of the present values and
 * how many values were absent. Nothing is rejected for being missing.
 *
 * <p><b>Categories</b> are compared as strings. A categorical column takes {@code String}s, or
 * {@code Boolean}, {@code Character}, integral numbers ({@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code BigInteger}) and enums, which become their decimal form,
 * {@code "true"}/{@code "false"} or their {@code name()}; so {@code 1} and {@code "1"} are the same
 * category. Floating-point values and other objects are rejected as categories (a double's string
 * form is not a reliable label; use a numeric column).
 *
 * <p><b>Column names</b> are any non-blank string of at most {@value Names#MAX_LENGTH} characters,
 * since they often come from files the host does not control; reports escape them for HTML.
 *
 * <p>Immutable and thread-safe.
 */
public final class Dataset {

    private final Map<String, Column> columns;
    private final int rows;

    private Dataset(Map<String, Column> columns, int rows) {
        this.columns = Collections.unmodifiableMap(columns);
        this.rows = rows;
    }

    /** A builder for a dataset of columns added one by one. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A dataset of rows that follow {@code schema}: each row is validated and converted by
     * {@link Schema#validateRow} (so a value of the wrong type, an unknown key or a disallowed NaN
     * is an {@link InvalidArgumentException} naming the row and the field). Fields of type
     * {@code int32}, {@code int64}, {@code float32} and {@code float64} become numeric columns
     * ({@code int64} values beyond 2^53 are rounded to the nearest double); {@code bool} and
     * {@code string} become categorical columns. Other types (timestamps, bytes, lists) cannot be
     * compared for drift and are rejected: pass a schema without them.
     *
     * @param schema the fields to read, in column order
     * @param rows the rows, values by field name; absent keys are nulls
     * @throws InvalidArgumentException for a field type drift cannot compare, or a bad row
     */
    public static Dataset fromRows(Schema schema, List<? extends Map<String, ?>> rows) {
        if (schema == null) {
            throw new InvalidArgumentException("schema", "is null");
        }
        if (rows == null) {
            throw new InvalidArgumentException("rows", "is null");
        }
        List<Field> fields = schema.fields();
        for (Field f : fields) {
            ValueType t = f.type();
            if (!t.isNumeric() && t != ValueType.BOOL && t != ValueType.STRING) {
                throw new InvalidArgumentException(f.name(), "has type " + t.jsonName()
                        + ", which drift does not compare (numeric, bool and string fields only);"
                        + " pass a schema without it");
            }
        }
        int n = rows.size();
        Object[][] values = new Object[fields.size()][n];
        for (int r = 0; r < n; r++) {
            Map<String, Object> row = schema.validateRow(rows.get(r), r);
            for (int c = 0; c < fields.size(); c++) {
                values[c][r] = row.get(fields.get(c).name());
            }
        }
        Builder b = builder();
        for (int c = 0; c < fields.size(); c++) {
            Field f = fields.get(c);
            if (f.type().isNumeric()) {
                Double[] numbers = new Double[n];
                for (int r = 0; r < n; r++) {
                    numbers[r] = values[c][r] == null ? null : ((Number) values[c][r]).doubleValue();
                }
                b.numeric(f.name(), numbers);
            } else {
                b.categorical(f.name(), values[c]);
            }
        }
        return b.build();
    }

    /** The number of rows (every column has this many values). */
    public int rowCount() {
        return rows;
    }

    /** The column names, in the order they were added. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** Whether there is a column with this name. */
    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /**
     * The kind of the named column.
     *
     * @throws InvalidArgumentException if there is no such column
     */
    public DriftColumnType kind(String name) {
        return column(name).kind();
    }

    Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new InvalidArgumentException("column", "no column named '" + name + "'; columns are "
                    + columns.keySet());
        }
        return c;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Dataset[rows=").append(rows).append(", columns=[");
        String sep = "";
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            b.append(sep).append(e.getKey()).append(':').append(e.getValue().kind().jsonName());
            sep = ", ";
        }
        return b.append("]]").toString();
    }

    /** One column's values; package-private so that only this package sees the arrays. */
    sealed interface Column permits NumericColumn, CategoricalColumn {
        DriftColumnType kind();
    }

    /** Numeric values; {@code nulls} marks the rows that are null (their value slot is 0). */
    record NumericColumn(double[] values, BitSet nulls) implements Column {
        @Override
        public DriftColumnType kind() {
            return DriftColumnType.NUMERIC;
        }
    }

    /** Category labels; a null element is a missing value. */
    record CategoricalColumn(String[] values) implements Column {
        @Override
        public DriftColumnType kind() {
            return DriftColumnType.CATEGORICAL;
        }
    }

    /**
     * Adds columns one by one; {@link #build()} checks that they have equal lengths. Not
     * thread-safe; a builder can build once more after more columns are added.
     */
    public static final class Builder {

        private final Map<String, Column> columns = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a numeric column without nulls; NaN and infinities are allowed and counted. */
        public Builder numeric(String name, double[] values) {
            if (values == null) {
                throw new InvalidArgumentException(checkName(name), "values are null");
            }
            return add(name, new NumericColumn(values.clone(), new BitSet()));
        }

        /** Adds a numeric column; a null element is a missing value. */
        public Builder numeric(String name, Double[] values) {
            if (values == null) {
                throw new InvalidArgumentException(checkName(name), "values are null");
            }
            double[] copy = new double[values.length];
            BitSet nulls = new BitSet();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    nulls.set(i);
                } else {
                    copy[i] = values[i];
                }
            }
            return add(name, new NumericColumn(copy, nulls));
        }

        /** Adds a categorical column of strings; a null element is a missing value. */
        public Builder categorical(String name, String[] values) {
            if (values == null) {
                throw new InvalidArgumentException(checkName(name), "values are null");
            }
            return add(name, new CategoricalColumn(values.clone()));
        }

        /**
         * Adds a categorical column of strings, booleans, characters, integral numbers or enums
         * (see the class comment); a null element is a missing value.
         *
         * @throws InvalidArgumentException naming the column and index of a value of another type
         */
        public Builder categorical(String name, Object[] values) {
            if (values == null) {
                throw new InvalidArgumentException(checkName(name), "values are null");
            }
            String[] labels = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                labels[i] = label(name, i, values[i]);
            }
            return add(name, new CategoricalColumn(labels));
        }

        /**
         * The dataset.
         *
         * @throws InvalidArgumentException if the columns do not all have the same length
         */
        public Dataset build() {
            int rows = -1;
            String first = null;
            for (Map.Entry<String, Column> e : columns.entrySet()) {
                String name = e.getKey();
                int n = length(e.getValue());
                if (rows < 0) {
                    rows = n;
                    first = name;
                } else if (n != rows) {
                    throw new InvalidArgumentException(name, "has " + n + " values but column '" + first
                            + "' has " + rows + "; all columns must have the same length");
                }
            }
            return new Dataset(new LinkedHashMap<>(columns), Math.max(rows, 0));
        }

        private Builder add(String name, Column column) {
            checkName(name);
            if (columns.containsKey(name)) {
                throw new InvalidArgumentException(name, "column added twice");
            }
            columns.put(name, column);
            return this;
        }

        private static int length(Column c) {
            return c instanceof NumericColumn n ? n.values().length : ((CategoricalColumn) c).values().length;
        }

        private static String checkName(String name) {
            if (name == null || name.isBlank()) {
                throw new InvalidArgumentException("column", "name must not be null or blank");
            }
            if (name.length() > Names.MAX_LENGTH) {
                throw new InvalidArgumentException("column", "name is " + name.length()
                        + " characters long, the limit is " + Names.MAX_LENGTH);
            }
            return name;
        }

        private static String label(String column, int index, Object v) {
            if (v == null || v instanceof String) {
                return (String) v;
            }
            if (v instanceof Boolean || v instanceof Character || v instanceof Byte || v instanceof Short
                    || v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
                return v.toString();
            }
            if (v instanceof Enum<?> e) {
                return e.name();
            }
            throw new InvalidArgumentException(checkName(column), "value at index " + index + " is a "
                    + v.getClass().getSimpleName() + "; categories must be strings, booleans, characters,"
                    + " integral numbers or enums (use a numeric column for floating-point values)");
        }
    }
}
