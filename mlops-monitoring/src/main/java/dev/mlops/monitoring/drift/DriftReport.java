package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The result of {@link DriftDetector#compare}: one {@link ColumnDrift} per column of either side,
 * and the dataset-level verdict. The dataset has drifted when the share of drifted columns among
 * the {@linkplain ColumnStatus#TESTED tested} ones is at least {@code driftShareThreshold}; columns
 * that could not be tested (missing on one side, or without usable values) are listed but do not
 * count. With no tested column the share is 0 and there is no dataset drift.
 *
 * <p>Output: {@link #toJson()} (read back with {@link #fromJson(String)}; the field names are
 * stable and listed in the module README) and {@link #toHtml()}, a self-contained page with charts.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param referenceRows rows of the reference data
 * @param currentRows rows of the current data
 * @param driftShareThreshold the share of drifted columns at which the dataset counts as drifted
 * @param columns the columns: the reference's in its order, then those only in the current data
 */
public record DriftReport(long referenceRows, long currentRows, double driftShareThreshold,
                          List<ColumnDrift> columns) {

    /** Validates and copies. */
    public DriftReport {
        if (referenceRows < 0 || currentRows < 0) {
            throw new InvalidArgumentException("rows", "must not be negative");
        }
        DriftDetector.checkDriftShare(driftShareThreshold);
        if (columns == null) {
            throw new InvalidArgumentException("columns", "is null");
        }
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (ColumnDrift c : columns) {
            if (!seen.add(c.column())) {
                throw new InvalidArgumentException(c.column(), "column appears twice in the report");
            }
        }
    }

    /** The columns that were compared. */
    public int testedColumns() {
        return (int) columns.stream().filter(c -> c.status() == ColumnStatus.TESTED).count();
    }

    /** The compared columns found drifted. */
    public int driftedColumns() {
        return (int) columns.stream().filter(ColumnDrift::drifted).count();
    }

    /** {@code driftedColumns / testedColumns}, or 0 when nothing was tested. */
    public double driftShare() {
        int tested = testedColumns();
        return tested == 0 ? 0.0 : (double) driftedColumns() / tested;
    }

    /** Whether the dataset has drifted: something was tested and {@code driftShare() >= driftShareThreshold}. */
    public boolean datasetDrift() {
        return testedColumns() > 0 && driftShare() >= driftShareThreshold;
    }

    /** The names of the drifted columns, in report order. */
    public List<String> driftedColumnNames() {
        return columns.stream().filter(ColumnDrift::drifted).map(ColumnDrift::column).toList();
    }

    /** The named column's entry. */
    public Optional<ColumnDrift> column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst();
    }

    /**
     * This report as JSON (UTF-8 text, no indentation). Non-finite statistics are written as the
     * tokens {@code Infinity}/{@code NaN}, as {@link dev.mlops.core.Json} does everywhere.
     */
    public String toJson() {
        return DriftReportJson.write(this);
    }

    /**
     * Reads a report written by {@link #toJson()}. Derived fields ({@code testedColumns},
     * {@code driftShare}, ...) are recomputed, not read.
     *
     * @throws InvalidArgumentException for malformed JSON or inconsistent content
     */
    public static DriftReport fromJson(String json) {
        return DriftReportJson.read(json);
    }

    /**
     * This report as one self-contained HTML page: summary, drift table, and per column an inline
     * SVG chart of reference against current. It has no script and loads nothing (no external
     * style sheet, font or image), and every column name and category is HTML-escaped.
     */
    public String toHtml() {
        return toHtml("Data drift report");
    }

    /** {@link #toHtml()} with the given page title (escaped). */
    public String toHtml(String title) {
        if (title == null) {
            throw new InvalidArgumentException("title", "is null");
        }
        return DriftReportHtml.render(this, title);
    }
}
