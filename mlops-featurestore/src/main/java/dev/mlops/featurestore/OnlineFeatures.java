package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@link FeatureStore#getOnlineFeatures}: one row per requested entity row, in request
 * order, one column per requested feature, in request order; each value with a {@link FeatureStatus}.
 *
 * <p>The answer is fixed when {@code getOnlineFeatures} returns: it holds the rows the online store
 * gave, the on-demand values already computed, and the time of the lookup. Values and statuses are
 * read from those on access rather than copied into a table up front, so a lookup costs no more than
 * the columns a caller reads; a status of {@link FeatureStatus#OUTSIDE_MAX_AGE} is judged against the
 * time of the lookup, not the time of the access.
 *
 * <p>Immutable and thread-safe, provided callers do not modify array values (bytes, lists) they get
 * from it.
 */
public final class OnlineFeatures {

    private final OnlinePlan plan;
    private final int rows;
    /**
     * The online store's row per view read and entity row, at {@code read * rows + row}; null when
     * absent. One view and one row (the usual lookup) keep their row in {@link #single} instead.
     */
    private final FeatureRow[] fetched;
    private final FeatureRow single;
    /** The outputs of each on-demand view per entity row, at {@code view * rows + row}; null without any. */
    private final Object[][] computed;
    private final long nowNanos;

    OnlineFeatures(OnlinePlan plan, int rows, FeatureRow[] fetched, Object[][] computed, long nowNanos) {
        this(plan, rows, fetched, null, computed, nowNanos);
    }

    /** An answer of one row from one view. */
    OnlineFeatures(OnlinePlan plan, FeatureRow single, Object[][] computed, long nowNanos) {
        this(plan, 1, null, single, computed, nowNanos);
    }

    private OnlineFeatures(OnlinePlan plan, int rows, FeatureRow[] fetched, FeatureRow single, Object[][] computed,
            long nowNanos) {
        this.plan = plan;
        this.rows = rows;
        this.fetched = fetched;
        this.single = single;
        this.computed = computed;
        this.nowNanos = nowNanos;
    }

    /** The number of rows (entity rows asked for). */
    public int rowCount() {
        return rows;
    }

    /** The column names, in request order. */
    public List<String> columnNames() {
        return plan.columns;
    }

    private int column(String name) {
        Integer i = plan.columnIndex.get(name);
        if (i == null) {
            throw new InvalidArgumentException(String.valueOf(name), "no such column; the columns are "
                    + plan.columns);
        }
        return i;
    }

    /** The value of a column in a row; null when absent or null. */
    public Object value(int row, String column) {
        return value(row, column(column));
    }

    /**
     * The value at a row and column position.
     *
     * @throws IndexOutOfBoundsException when either position is out of range
     */
    public Object value(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, plan.source.length);
        int source = plan.source[column];
        if (plan.onDemand[column]) {
            return computed[source * rows + row][plan.featureIndex[column]];
        }
        FeatureRow stored = fetched == null ? single : fetched[source * rows + row];
        return stored == null ? null : stored.value(plan.featureIndex[column]);
    }

    /** The status of a column in a row. */
    public FeatureStatus status(int row, String column) {
        return status(row, column(column));
    }

    /**
     * The status at a row and column position.
     *
     * @throws IndexOutOfBoundsException when either position is out of range
     */
    public FeatureStatus status(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, plan.source.length);
        int source = plan.source[column];
        if (plan.onDemand[column]) {
            return computed[source * rows + row][plan.featureIndex[column]] == null ? FeatureStatus.NULL_VALUE
                    : FeatureStatus.PRESENT;
        }
        FeatureRow stored = fetched == null ? single : fetched[source * rows + row];
        if (stored == null) {
            return FeatureStatus.NOT_FOUND;
        }
        long ttl = plan.ttlNanos[source];
        if (ttl >= 0 && Timestamps.toNanos(stored.eventTimestamp()) < JoinColumns.lowerBound(nowNanos, ttl)) {
            return FeatureStatus.OUTSIDE_MAX_AGE;
        }
        return stored.value(plan.featureIndex[column]) == null ? FeatureStatus.NULL_VALUE : FeatureStatus.PRESENT;
    }

    /** One row's values by column name, in column order. */
    public Map<String, Object> row(int row) {
        Objects.checkIndex(row, rows);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < plan.columns.size(); c++) {
            out.put(plan.columns.get(c), value(row, c));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every row's values by column name. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(row(r));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("OnlineFeatures").append(plan.columns);
        for (int r = 0; r < rows; r++) {
            StringBuilder values = new StringBuilder();
            StringBuilder statuses = new StringBuilder();
            for (int c = 0; c < plan.columns.size(); c++) {
                String sep = c == 0 ? "" : ", ";
                values.append(sep).append(value(r, c));
                statuses.append(sep).append(status(r, c));
            }
            b.append("\n  [").append(values).append("] [").append(statuses).append(']');
        }
        return b.toString();
    }
}
