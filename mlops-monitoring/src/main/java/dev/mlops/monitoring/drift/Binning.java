package dev.mlops.monitoring.drift;

/**
 * Bin edges and bin counts over ascending samples: the reference quantile bins of the binned
 * distances, and the equal-width histograms of the charts. Values are compared with {@code <}, so
 * -0.0 and 0.0 are the same value, as in NumPy. Stateless.
 */
final class Binning {

    private Binning() {}

    /**
     * The edges of {@code bins} reference quantile bins: the minimum, the quantiles at
     * {@code i / bins} for {@code i = 1 .. bins - 1}, and the maximum, with repeated values removed
     * (so ties can merge bins). Quantiles are NumPy's default ({@code method="linear"}), including
     * its rounding: {@code h = (n - 1) q}, {@code g = h - floor(h)}, then
     * {@code a + (b - a) g} for {@code g < 0.5} and {@code b - (b - a)(1 - g)} otherwise.
     *
     * @param sorted ascending finite reference values, at least one
     * @return strictly ascending edges, at least one
     */
    static double[] quantileEdges(double[] sorted, int bins) {
        double[] raw = new double[bins + 1];
        raw[0] = sorted[0];
        raw[bins] = sorted[sorted.length - 1];
        for (int i = 1; i < bins; i++) {
            raw[i] = quantile(sorted, (double) i / bins);
        }
        return distinctAscending(raw);
    }

    /** Non-decreasing values with repeats removed. */
    static double[] distinctAscending(double[] raw) {
        double[] out = new double[raw.length];
        int k = 0;
        for (double e : raw) {
            if (k == 0 || e > out[k - 1]) {
                out[k++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** NumPy's linear quantile of an ascending sample, with NumPy's two-sided interpolation. */
    static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        double g = h - lo;
        double a = sorted[lo];
        double b = sorted[Math.min(lo + 1, n - 1)];
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    /**
     * Counts of an ascending sample in the bins defined by strictly ascending {@code edges}
     * (k of them): an underflow bin {@code x < e[0]}; then, when k &gt; 1, the bins
     * {@code [e[j], e[j+1])} with the last one closed at {@code e[k-1]}, or when k = 1 the single
     * point {@code x = e[0]}; then an overflow bin {@code x > e[k-1]}. Returns max(k - 1, 1) + 2
     * counts, underflow first.
     */
    static long[] quantileBinCounts(double[] edges, double[] sorted) {
        return quantileBinCounts(edges, ranks(sorted));
    }

    /** {@link #quantileBinCounts(double[], double[])} over any {@link Ranks}, such as a quantile sketch's. */
    static long[] quantileBinCounts(double[] edges, Ranks sample) {
        int k = edges.length;
        int regular = Math.max(k - 1, 1);
        long[] counts = new long[regular + 2];
        long previous = sample.below(edges[0]);
        counts[0] = previous;
        for (int j = 1; j < k - 1; j++) {
            long next = sample.below(edges[j]);
            counts[j] = next - previous;
            previous = next;
        }
        long lastUpper = sample.atMost(edges[k - 1]);
        counts[regular] = lastUpper - previous;
        counts[regular + 1] = sample.total() - lastUpper;
        return counts;
    }

    /**
     * The edges of {@code bins} equal-width bins over [lo, hi], as {@code numpy.linspace(lo, hi,
     * bins + 1)}: {@code i * ((hi - lo) / bins) + lo}, the last exactly {@code hi}. When lo = hi
     * there is one bin, [lo, lo].
     */
    static double[] equalWidthEdges(double lo, double hi, int bins) {
        if (lo == hi) {
            return new double[] {lo, hi};
        }
        double step = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + lo;
        }
        edges[bins] = hi;
        return edges;
    }

    /**
     * Counts of an ascending sample, all of whose values lie in [edges[0], edges[last]], in the
     * bins [e[i], e[i+1]), the last one closed (as {@code numpy.histogram}).
     */
    static long[] histogramCounts(double[] edges, double[] sorted) {
        return histogramCounts(edges, ranks(sorted));
    }

    /** {@link #histogramCounts(double[], double[])} over any {@link Ranks}. */
    static long[] histogramCounts(double[] edges, Ranks sample) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        long previous = sample.below(edges[0]);
        for (int i = 1; i < bins; i++) {
            long next = sample.below(edges[i]);
            counts[i - 1] = next - previous;
            previous = next;
        }
        counts[bins - 1] = sample.atMost(edges[bins]) - previous;
        return counts;
    }

    /**
     * Unnormalized ranks of a sample: how many of its values (or how much sketch weight) lie below
     * or at a point. Lets the same binning run over a sorted sample and over a quantile sketch.
     */
    interface Ranks {
        /** The count of values {@code < x}. */
        long below(double x);

        /** The count of values {@code <= x}. */
        long atMost(double x);

        /** The count of all values. */
        long total();
    }

    /** The exact ranks of an ascending sample. */
    static Ranks ranks(double[] sorted) {
        return new Ranks() {
            @Override
            public long below(double x) {
                return lowerBound(sorted, x);
            }

            @Override
            public long atMost(double x) {
                return upperBound(sorted, x);
            }

            @Override
            public long total() {
                return sorted.length;
            }
        };
    }

    /** The first index whose value is not below {@code x} (n if none). */
    static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is above {@code x} (n if none). */
    static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < sorted[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
