package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.List;

/**
 * Reference and current counts of one column over the same bins or categories, for charts and for
 * readers of the JSON report. These are for display: the test itself may have used other bins (see
 * {@link DriftDetector}).
 *
 * <p>Immutable values.
 */
public sealed interface Distribution permits Distribution.Histogram, Distribution.Categories {

    /** Counts of usable reference values, one per bin or category shown. */
    List<Long> reference();

    /** Counts of usable current values, one per bin or category shown. */
    List<Long> current();

    /**
     * Counts of a numeric column in equal-width bins spanning both sides' values, the same bins for
     * both: bin {@code i} is {@code [edges[i], edges[i+1])}, the last one closed (as
     * {@code numpy.histogram}). The edges are {@code lo + i * (hi - lo) / bins}, with the last edge
     * exactly {@code hi} (as {@code numpy.linspace}); a column whose values are all equal has one
     * bin of width 0.
     *
     * @param edges bin edges, ascending, one more than the counts
     * @param reference reference counts per bin
     * @param current current counts per bin
     */
    record Histogram(List<Double> edges, List<Long> reference, List<Long> current) implements Distribution {

        /** Validates and copies. */
        public Histogram {
            edges = List.copyOf(edges);
            if (edges.size() < 2) {
                throw new InvalidArgumentException("edges", "needs at least 2 edges");
            }
            reference = checkCounts("reference", reference, edges.size() - 1);
            current = checkCounts("current", current, edges.size() - 1);
            for (int i = 0; i < edges.size(); i++) {
                if (!Double.isFinite(edges.get(i)) || i > 0 && !(edges.get(i) >= edges.get(i - 1))) {
                    throw new InvalidArgumentException("edges", "must be finite and ascending");
                }
            }
        }
    }

    /**
     * Counts of the categories of a categorical column, or of the values of a numeric column with
     * few distinct values. At most {@link DriftDetector.Builder#chartCategories(int)} categories are
     * listed: the largest by {@code max(reference share, current share)}, then listed in the
     * column's category order (reference count descending, then label; numeric values ascending).
     * The rest are summed into {@code otherReference} / {@code otherCurrent}.
     *
     * @param labels the categories listed
     * @param reference reference count per listed category
     * @param current current count per listed category
     * @param otherCategories how many categories were not listed
     * @param otherReference reference values in the categories not listed
     * @param otherCurrent current values in the categories not listed
     * @param unseenCategories categories present in the current data but never in the reference
     * @param unseenCurrent current values in those categories
     */
    record Categories(List<String> labels, List<Long> reference, List<Long> current, int otherCategories,
                      long otherReference, long otherCurrent, int unseenCategories, long unseenCurrent)
            implements Distribution {

        /** Validates and copies. */
        public Categories {
            labels = List.copyOf(labels);
            reference = checkCounts("reference", reference, labels.size());
            current = checkCounts("current", current, labels.size());
            if (otherCategories < 0 || otherReference < 0 || otherCurrent < 0 || unseenCategories < 0
                    || unseenCurrent < 0) {
                throw new InvalidArgumentException("categories", "counts must not be negative");
            }
        }
    }

    private static List<Long> checkCounts(String name, List<Long> counts, int size) {
        List<Long> copy = List.copyOf(counts);
        if (copy.size() != size) {
            throw new InvalidArgumentException(name, "has " + copy.size() + " counts, expected " + size);
        }
        for (long c : copy) {
            if (c < 0) {
                throw new InvalidArgumentException(name, "counts must not be negative");
            }
        }
        return copy;
    }
}
