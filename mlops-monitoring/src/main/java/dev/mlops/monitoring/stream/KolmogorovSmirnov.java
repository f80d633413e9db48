package dev.mlops.monitoring.stream;

import java.util.Arrays;

/**
 * The two-sided two-sample Kolmogorov–Smirnov test for two samples of the same size {@code n},
 * with the exact p-value under the null hypothesis of continuous, tie-free data (what SciPy's
 * {@code ks_2samp} computes with {@code method="exact"} when both sizes are equal).
 */
final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {}

    /**
     * {@code n · D}, the largest gap between the two empirical CDFs counted in observations; both
     * arrays hold {@code n} values and are sorted in place.
     */
    static int scaledStatistic(double[] a, double[] b) {
        Arrays.sort(a);
        Arrays.sort(b);
        int n = a.length;
        int i = 0;
        int j = 0;
        int largest = 0;
        while (i < n && j < n) {
            double v = Math.min(a[i], b[j]);
            while (i < n && a[i] <= v) {
                i++;
            }
            while (j < n && b[j] <= v) {
                j++;
            }
            largest = Math.max(largest, Math.abs(i - j));
        }
        return largest;
    }

    /**
     * {@code P(D ≥ h/n)} for two independent samples of size {@code n} from one continuous
     * distribution: {@code 2 Σ_{j≥1} (-1)^{j+1} C(2n, n - jh) / C(2n, n)} (the reflection principle
     * for lattice paths). The alternating sum is folded from its smallest term outwards,
     * {@code 2 r1 (1 - r2 (1 - r3 (1 - …)))} with {@code r_j} the ratio of consecutive terms, which
     * avoids the cancellation of summing it directly. Clamped to [0, 1] (for tiny {@code h} rounding
     * can push it a hair above 1).
     */
    static double pValue(int n, int h) {
        if (h <= 0) {
            return 1.0;
        }
        int terms = n / h;
        double folded = 0.0;
        for (int j = terms; j >= 1; j--) {
            // r_j = C(2n, n - jh) / C(2n, n - (j-1)h) = prod over i in [(j-1)h, jh) of (n - i)/(n + i + 1)
            double ratio = 1.0;
            for (int i = (j - 1) * h; i < j * h; i++) {
                ratio = ratio * (n - i) / (n + i + 1);
            }
            folded = ratio * (1.0 - folded);
        }
        return Math.min(1.0, Math.max(0.0, 2 * folded));
    }
}
