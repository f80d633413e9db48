package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The answer of {@link FeatureStore#getOnlineFeatures}: one row per requested entity row, in request
 * order, one column per requested feature, in request order; each value with a {@link FeatureStatus}.
 *
 * <p>Immutable and thread-safe, provided callers do not modify array values (bytes, lists) they get
 * from it.
 */
public final class OnlineFeatures {

    private final List<String> columns;
    private final Map<String, Integer> index;
    private final Object[][] values;
    private final FeatureStatus[][] statuses;

    OnlineFeatures(List<String> columns, Map<String, Integer> index, Object[][] values, FeatureStatus[][] statuses) {
        this.columns = columns;
        this.index = index;
        this.values = values;
        this.statuses = statuses;
    }

    /** The number of rows (entity rows asked for). */
    public int rowCount() {
        return values.length;
    }

    /** The column names, in request order. */
    public List<String> columnNames() {
        return columns;
    }

    private int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new InvalidArgumentException(String.valueOf(name), "no such column; the columns are " + columns);
        }
        return i;
    }

    /** The value of a column in a row; null when absent or null. */
    public Object value(int row, String column) {
        return values[row][column(column)];
    }

    /** The value at a row and column position. */
    public Object value(int row, int column) {
        return values[row][column];
    }

    /** The status of a column in a row. */
    public FeatureStatus status(int row, String column) {
        return statuses[row][column(column)];
    }

    /** The status at a row and column position. */
    public FeatureStatus status(int row, int column) {
        return statuses[row][column];
    }

    /** One row's values by column name, in column order. */
    public Map<String, Object> row(int row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            out.put(columns.get(c), values[row][c]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every row's values by column name. */
    public List<Map<String, Object>> toMaps() {
        return IntStream.range(0, values.length).mapToObj(this::row).toList();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("OnlineFeatures").append(columns);
        for (int r = 0; r < values.length; r++) {
            b.append("\n  ").append(Arrays.toString(values[r])).append(' ').append(Arrays.toString(statuses[r]));
        }
        return b.toString();
    }
}
