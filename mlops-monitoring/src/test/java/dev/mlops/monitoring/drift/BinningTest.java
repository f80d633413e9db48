package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bin edges and counts behind the binned distances and the charts (NumPy agreement is in the report reference test). */
class BinningTest {

    @Test
    @DisplayName("quantile edges are min, the inner quantiles and max, ties merged")
    void quantileEdges() {
        double[] ref = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(Binning.quantileEdges(ref, 4)).containsExactly(1, 3, 5, 7, 9);
        double[] ties = {0, 0, 0, 0, 0, 0, 0, 1, 2};
        assertThat(Binning.quantileEdges(ties, 4)).containsExactly(0, 2);
        assertThat(Binning.quantileEdges(new double[] {3, 3}, 10)).containsExactly(3);
    }

    @Test
    @DisplayName("NumPy's linear quantile, with its interpolation from the upper neighbour past the midpoint")
    void quantile() {
        double[] s = {0, 10};
        assertThat(Binning.quantile(s, 0.25)).isEqualTo(2.5);
        assertThat(Binning.quantile(s, 0.75)).isEqualTo(7.5);
        assertThat(Binning.quantile(new double[] {0.1, 0.7}, 0.7)).isEqualTo(0.7 - (0.7 - 0.1) * (1 - 0.7));
    }

    @Test
    @DisplayName("counts: underflow, [e_j, e_j+1) with the last bin closed, overflow; -0.0 equals 0.0")
    void quantileBinCounts() {
        double[] edges = {0, 1, 2};
        double[] x = {-1, -0.0, 0, 0.5, 1, 1.5, 2, 2, 3};
        assertThat(Binning.quantileBinCounts(edges, x)).containsExactly(1, 3, 4, 1);
        assertThat(Binning.quantileBinCounts(new double[] {5}, new double[] {4, 5, 5, 6})).containsExactly(1, 2, 1);
    }

    @Test
    @DisplayName("equal-width histogram edges and counts as numpy.linspace / numpy.histogram")
    void histogram() {
        double[] edges = Binning.equalWidthEdges(0, 1, 3);
        assertThat(edges).containsExactly(0, 1.0 / 3, 2.0 / 3, 1);
        assertThat(Binning.histogramCounts(edges, new double[] {0, 0.2, 1.0 / 3, 0.9, 1})).containsExactly(2, 1, 2);
        assertThat(Binning.equalWidthEdges(2, 2, 30)).containsExactly(2, 2);
        assertThat(Binning.histogramCounts(new double[] {2, 2}, new double[] {2, 2, 2})).containsExactly(3);
    }
}
