package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Input validation and small array helpers shared by the statistics. Stateless. */
final class Samples {

    private Samples() {}

    /** Checks that a numeric sample is non-null, non-empty and finite; returns it. */
    static double[] checkFinite(String name, double[] values) {
        if (values == null) {
            throw new InvalidArgumentException(name, "sample must not be null");
        }
        if (values.length == 0) {
            throw new InvalidArgumentException(name, "sample must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException(name, "value at index " + i + " is " + v
                        + "; samples must be finite (drop missing values before testing)");
            }
        }
        return values;
    }

    /** A validated, ascending copy of the sample; the caller's array is not touched. */
    static double[] sortedCopy(String name, double[] values) {
        double[] copy = checkFinite(name, values).clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Checks a frequency vector: non-null, non-empty, no negative count, positive total. */
    static long[] checkCounts(String name, long[] counts) {
        if (counts == null) {
            throw new InvalidArgumentException(name, "counts must not be null");
        }
        if (counts.length == 0) {
            throw new InvalidArgumentException(name, "counts must not be empty");
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new InvalidArgumentException(name, "count at index " + i + " is negative: " + counts[i]);
            }
            total = Math.addExact(total, counts[i]);
        }
        if (total == 0) {
            throw new InvalidArgumentException(name, "counts must not all be zero");
        }
        return counts;
    }

    /** Checks two frequency vectors over the same categories (same length). */
    static void checkPairedCounts(long[] reference, long[] current) {
        checkCounts("reference", reference);
        checkCounts("current", current);
        if (reference.length != current.length) {
            throw new InvalidArgumentException("current", "has " + current.length
                    + " categories but reference has " + reference.length
                    + "; align categories first (the map overloads do it)");
        }
    }

    /** Receives one group of equal values: x[xFrom, xTo) and y[yFrom, yTo), either may be empty. */
    @FunctionalInterface
    interface TieGroupVisitor {
        void group(int xFrom, int xTo, int yFrom, int yTo);
    }

    /**
     * Walks two ascending samples together, one group of equal values at a time, in ascending
     * order. Values in a group compare equal with {@code ==} (so -0.0 and 0.0 tie, as in SciPy).
     * The pooled midrank of the group is {@code xFrom + yFrom + (size + 1) / 2}.
     */
    static void forEachTieGroup(double[] x, double[] y, TieGroupVisitor visitor) {
        int i = 0;
        int j = 0;
        while (i < x.length || j < y.length) {
            double v = Math.min(i < x.length ? x[i] : Double.POSITIVE_INFINITY,
                    j < y.length ? y[j] : Double.POSITIVE_INFINITY);
            int i0 = i;
            int j0 = j;
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            visitor.group(i0, i, j0, j);
        }
    }

    static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Counts divided by their total. */
    static double[] shares(long[] counts) {
        double total = sum(counts);
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = counts[i] / total;
        }
        return p;
    }

    /**
     * Aligns two category→count maps on the union of their categories (reference order first,
     * then categories seen only in current); a category missing from one map counts 0 there.
     * Returns {reference counts, current counts}.
     */
    static <K> long[][] align(Map<K, Long> reference, Map<K, Long> current) {
        checkMap("reference", reference);
        checkMap("current", current);
        Set<K> keys = new LinkedHashSet<>(reference.keySet());
        keys.addAll(current.keySet());
        List<K> order = List.copyOf(keys);
        long[] ref = new long[order.size()];
        long[] cur = new long[order.size()];
        for (int i = 0; i < order.size(); i++) {
            ref[i] = reference.getOrDefault(order.get(i), 0L);
            cur[i] = current.getOrDefault(order.get(i), 0L);
        }
        return new long[][] {ref, cur};
    }

    private static <K> void checkMap(String name, Map<K, Long> counts) {
        if (counts == null) {
            throw new InvalidArgumentException(name, "counts must not be null");
        }
        for (Map.Entry<K, Long> e : counts.entrySet()) {
            if (e.getKey() == null) {
                throw new InvalidArgumentException(name, "category must not be null");
            }
            if (e.getValue() == null) {
                throw new InvalidArgumentException(name, "count of category '" + e.getKey() + "' is null");
            }
        }
    }
}
