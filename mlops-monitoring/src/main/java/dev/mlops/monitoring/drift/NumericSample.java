package dev.mlops.monitoring.drift;

import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalDouble;

/**
 * One side of a numeric column, ready for comparison: its usable values (not null, not NaN, not
 * infinite) in ascending order, and its {@link ColumnStats}. Immutable once built.
 */
final class NumericSample {

    final double[] sorted;
    final ColumnStats stats;

    private NumericSample(double[] sorted, ColumnStats stats) {
        this.sorted = sorted;
        this.stats = stats;
    }

    static NumericSample of(Dataset.NumericColumn column) {
        double[] values = column.values();
        BitSet nulls = column.nulls();
        boolean anyNull = !nulls.isEmpty();
        double[] valid = new double[values.length];
        int k = 0;
        long nan = 0;
        long infinite = 0;
        for (int i = 0; i < values.length; i++) {
            if (anyNull && nulls.get(i)) {
                continue;
            }
            double x = values[i];
            if (Double.isNaN(x)) {
                nan++;
            } else if (Double.isInfinite(x)) {
                infinite++;
            } else {
                valid[k++] = x;
            }
        }
        double[] sorted = k == values.length ? valid : Arrays.copyOf(valid, k);
        Arrays.sort(sorted);
        return new NumericSample(sorted, stats(values.length, nulls.cardinality(), nan, infinite, sorted));
    }

    private static ColumnStats stats(long rows, long nulls, long nan, long infinite, double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return new ColumnStats(rows, nulls, nan, infinite, 0, OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty());
        }
        long distinct = 1;
        double sum = sorted[0];
        for (int i = 1; i < n; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
            sum += sorted[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : sorted) {
            double d = v - mean;
            ss += d * d;
        }
        return new ColumnStats(rows, nulls, nan, infinite, distinct, OptionalDouble.of(mean),
                OptionalDouble.of(Math.sqrt(ss / n)), OptionalDouble.of(sorted[0]), OptionalDouble.of(sorted[n - 1]));
    }

    /**
     * The distinct values of both samples together, ascending, if there are at most {@code limit}
     * of them; otherwise null (the caller only needs to know that there are more).
     */
    static double[] unionDistinct(double[] a, double[] b, int limit) {
        double[] out = new double[limit];
        int count = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double v = Math.min(i < a.length ? a[i] : Double.POSITIVE_INFINITY,
                    j < b.length ? b[j] : Double.POSITIVE_INFINITY);
            if (count == limit) {
                return null;
            }
            out[count++] = v == 0 ? 0.0 : v; // one label for -0.0 and 0.0
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
        }
        return Arrays.copyOf(out, count);
    }
}
