package dev.mlops.monitoring.drift;

import dev.mlops.monitoring.profile.ColumnProfile;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * One numeric side of a profile comparison: the retained items of a column's KLL sketch with their
 * cumulative weights, as {@link Binning.Ranks} (weights are whole numbers and sum to the column's
 * finite count), plus the CDF as a step function over the distinct retained items. Built once per
 * column side; immutable.
 */
final class SketchSample implements Binning.Ranks {

    /** Ascending retained items (may repeat). */
    private final double[] items;
    /** Inclusive cumulative weight at each item. */
    private final long[] cumulative;
    private final long total;
    /** Distinct items, ascending, and the CDF there. */
    final double[] points;
    final double[] cdf;
    /** The sketch's normalized rank error. */
    final double rankError;

    private SketchSample(double[] items, long[] cumulative, long total, double rankError) {
        this.items = items;
        this.cumulative = cumulative;
        this.total = total;
        this.rankError = rankError;
        double[] p = new double[items.length];
        double[] f = new double[items.length];
        int k = 0;
        for (int i = 0; i < items.length; i++) {
            if (k > 0 && p[k - 1] == items[i]) {
                f[k - 1] = (double) cumulative[i] / total;
            } else {
                p[k] = items[i];
                f[k++] = (double) cumulative[i] / total;
            }
        }
        f[k - 1] = 1.0; // the last cumulative weight is the total; guard against rounding
        this.points = Arrays.copyOf(p, k);
        this.cdf = Arrays.copyOf(f, k);
    }

    /** The sample of a column with a non-empty quantile sketch. */
    static SketchSample of(ColumnProfile column) {
        KllDoublesSketch sketch = column.quantileSketch().orElseThrow();
        DoublesSortedView view = sketch.getSortedView();
        return new SketchSample(view.getQuantiles(), view.getCumulativeWeights(), sketch.getN(),
                sketch.getNormalizedRankError(false));
    }

    @Override
    public long below(double x) {
        int i = Binning.lowerBound(items, x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    @Override
    public long atMost(double x) {
        int i = Binning.upperBound(items, x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    @Override
    public long total() {
        return total;
    }
}
