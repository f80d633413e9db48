package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HypothesisTests#kolmogorovSmirnovFromCdfs} and {@link Distances#wassersteinFromCdfs}:
 * given the exact empirical CDFs of two samples they must equal the sample versions, which the
 * reference tests check against SciPy; and on the SciPy reference cases they must give SciPy's
 * values directly ({@code ks_2samp} asymptotic cases, {@code wasserstein_distance}).
 */
class StepCdfStatisticsTest {

    static Stream<Arguments> asymptoticKsCases() {
        return Reference.cases("ks").filter(a -> payload(a).get("method").asText().equals("asymp"));
    }

    static Stream<Arguments> numericDistanceCases() {
        return Reference.cases("numeric_distances");
    }

    private static JsonNode payload(Arguments a) {
        Object o = a.get()[0];
        return o instanceof Named<?> n ? (JsonNode) n.getPayload() : (JsonNode) o;
    }

    @ParameterizedTest
    @MethodSource("asymptoticKsCases")
    void ksFromExactCdfsMatchesScipyAsymptotic(JsonNode c) {
        double[] a = Reference.doubles(c.get("reference"));
        double[] b = Reference.doubles(c.get("current"));
        double[][] fa = stepCdf(a);
        double[][] fb = stepCdf(b);
        TestResult r = HypothesisTests.kolmogorovSmirnovFromCdfs(fa[0], fa[1], a.length, fb[0], fb[1], b.length);
        Reference.assertClose("statistic", r.statistic(), c.get("statistic").asDouble(), Reference.REL, 1e-15);
        double expected = c.get("pvalue").asDouble();
        Reference.assertClose("p-value", r.pValue(), expected, Reference.REL, expected < 0.01 ? 0 : 1e-15);
    }

    @ParameterizedTest
    @MethodSource("numericDistanceCases")
    void wassersteinFromExactCdfsMatchesScipy(JsonNode c) {
        double[][] fa = stepCdf(Reference.doubles(c.get("reference")));
        double[][] fb = stepCdf(Reference.doubles(c.get("current")));
        Reference.assertClose("wasserstein_distance", Distances.wassersteinFromCdfs(fa[0], fa[1], fb[0], fb[1]),
                c.get("wasserstein").asDouble(), Reference.REL, 1e-15);
    }

    /** The empirical CDF of a sample as {points, cdf}. */
    private static double[][] stepCdf(double[] sample) {
        double[] s = sample.clone();
        Arrays.sort(s);
        double[] points = new double[s.length];
        double[] cdf = new double[s.length];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i + 1] == s[i]) {
                continue;
            }
            points[k] = s[i];
            cdf[k++] = (double) (i + 1) / s.length;
        }
        return new double[][] {Arrays.copyOf(points, k), Arrays.copyOf(cdf, k)};
    }

    private static double[] sample(long seed, int n, double shift, boolean rounded) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextGaussian() + shift;
            out[i] = rounded ? Math.rint(v * 4) / 4 : v;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void equalTheSampleStatisticsOnExactCdfs(int variant) {
        boolean rounded = variant % 2 == 1;
        double shift = variant >= 2 ? 0.1 : 0;
        double[] a = sample(variant, 12_000, 0, rounded);
        double[] b = sample(variant + 100, 15_000, shift, rounded);
        double[][] fa = stepCdf(a);
        double[][] fb = stepCdf(b);
        TestResult fromCdfs = HypothesisTests.kolmogorovSmirnovFromCdfs(fa[0], fa[1], a.length, fb[0], fb[1],
                b.length);
        // both samples exceed KS_MAX_EXACT_N, so the sample version is asymptotic too
        TestResult fromSamples = HypothesisTests.kolmogorovSmirnov(a, b);
        assertThat(fromCdfs.statistic()).isCloseTo(fromSamples.statistic(), within(1e-12));
        assertThat(fromCdfs.pValue()).isCloseTo(fromSamples.pValue(), within(1e-12));
        assertThat(Distances.wassersteinFromCdfs(fa[0], fa[1], fb[0], fb[1]))
                .isCloseTo(Distances.wasserstein(a, b), within(1e-9 * Distances.wasserstein(a, b)));
    }

    @Test
    void handComputedSteps() {
        // F: 0.5 at 0, 1 at 2; G: 1 at 1. |F - G| = 0.5 on [0, 1), 0.5 on [1, 2) -> sup 0.5, area 1
        double[] xf = {0, 2};
        double[] f = {0.5, 1};
        double[] xg = {1};
        double[] g = {1};
        assertThat(HypothesisTests.kolmogorovSmirnovFromCdfs(xf, f, 10, xg, g, 10).statistic()).isEqualTo(0.5);
        assertThat(Distances.wassersteinFromCdfs(xf, f, xg, g)).isEqualTo(1.0);
        assertThat(Distances.wassersteinFromCdfs(xf, f, xf, f)).isZero();
        assertThat(HypothesisTests.kolmogorovSmirnovFromCdfs(xf, f, 10, xf, f, 7).pValue()).isEqualTo(1.0);
    }

    @Test
    void malformedStepFunctionsAreRejected() {
        double[] one = {1};
        assertThatThrownBy(() -> Distances.wassersteinFromCdfs(new double[] {1, 1}, new double[] {0.5, 1}, one, one))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> Distances.wassersteinFromCdfs(new double[] {1, 2}, new double[] {0.6, 0.5}, one,
                one)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> Distances.wassersteinFromCdfs(one, new double[] {0.9}, one, one))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("must be 1");
        assertThatThrownBy(() -> Distances.wassersteinFromCdfs(new double[0], new double[0], one, one))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> HypothesisTests.kolmogorovSmirnovFromCdfs(one, one, 0, one, one, 5))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> HypothesisTests.kolmogorovSmirnovFromCdfs(new double[] {Double.NaN}, one, 3, one,
                one, 5)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
    }
}
