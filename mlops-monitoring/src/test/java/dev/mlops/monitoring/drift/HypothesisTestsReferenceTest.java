package dev.mlops.monitoring.drift;

import static dev.mlops.monitoring.drift.Reference.REL;
import static dev.mlops.monitoring.drift.Reference.assertClose;
import static dev.mlops.monitoring.drift.Reference.assertRelative;
import static dev.mlops.monitoring.drift.Reference.doubles;
import static dev.mlops.monitoring.drift.Reference.longs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hypothesis test against the SciPy values in reference_stats.json. */
class HypothesisTestsReferenceTest {

    static Stream<Arguments> ks() {
        return Reference.cases("ks");
    }

    static Stream<Arguments> chiSquare() {
        return Reference.cases("chi_square");
    }

    static Stream<Arguments> contingency() {
        return Reference.cases("chi_square_contingency");
    }

    static Stream<Arguments> z() {
        return Reference.cases("two_proportion_z");
    }

    static Stream<Arguments> andersonDarling() {
        return Reference.cases("anderson_darling");
    }

    static Stream<Arguments> cramerVonMises() {
        return Reference.cases("cramer_von_mises");
    }

    static Stream<Arguments> mannWhitney() {
        return Reference.cases("mann_whitney_u");
    }

    private static void assertMatches(TestResult r, JsonNode c, String test) {
        assertThat(r.test()).isEqualTo(test);
        assertClose("statistic", r.statistic(), c.get("statistic").asDouble(), REL, 1e-15);
        assertRelative("p-value", r.pValue(), c.get("pvalue").asDouble());
    }

    @ParameterizedTest
    @MethodSource("ks")
    void kolmogorovSmirnovMatchesKs2samp(JsonNode c) {
        TestResult r = HypothesisTests.kolmogorovSmirnov(doubles(c.get("reference")), doubles(c.get("current")));
        assertThat(r.test()).isEqualTo(HypothesisTests.KS);
        assertClose("statistic", r.statistic(), c.get("statistic").asDouble(), REL, 1e-15);
        double expected = c.get("pvalue").asDouble();
        // exact p-values and directly computed tails (asymptotic p < 0.01 is 2 * smirnov) agree
        // relatively; above that the asymptotic p-value is 1 - cdf, where SciPy itself is
        // accurate only to ~1e-16 absolute
        boolean relativeOnly = c.get("method").asText().equals("exact") || expected < 0.01;
        assertClose("p-value", r.pValue(), expected, REL, relativeOnly ? 0 : 1e-15);
    }

    @Test
    void ksReferenceCoversBothMethodsAndTheBoundary() {
        long exact = Reference.cases("ks").count();
        assertThat(Reference.root().get("ks").findValuesAsText("method")).contains("exact", "asymp");
        assertThat(Reference.root().get("ks").findValuesAsText("name"))
                .contains("boundary 10000 vs 10000 exact", "boundary 10001 vs 10001 asymp");
        assertThat(exact).isGreaterThan(20);
    }

    @ParameterizedTest
    @MethodSource("chiSquare")
    void chiSquareMatchesChisquare(JsonNode c) {
        assertMatches(HypothesisTests.chiSquare(longs(c.get("reference")), longs(c.get("current"))),
                c, HypothesisTests.CHI_SQUARE);
    }

    @ParameterizedTest
    @MethodSource("contingency")
    void contingencyMatchesChi2Contingency(JsonNode c) {
        JsonNode rows = c.get("table");
        long[][] table = new long[rows.size()][];
        for (int r = 0; r < table.length; r++) {
            table[r] = longs(rows.get(r));
        }
        TestResult result = HypothesisTests.chiSquareContingency(table, c.get("correction").asBoolean());
        assertMatches(result, c, HypothesisTests.CHI_SQUARE_CONTINGENCY);
        if (c.get("correction").asBoolean()) {
            assertThat(HypothesisTests.chiSquareContingency(table)).isEqualTo(result);
        }
    }

    @ParameterizedTest
    @MethodSource("z")
    void twoProportionZMatchesTheNormalTail(JsonNode c) {
        TestResult r = HypothesisTests.twoProportionZ(c.get("x1").asLong(), c.get("n1").asLong(),
                c.get("x2").asLong(), c.get("n2").asLong());
        assertMatches(r, c, HypothesisTests.Z);
    }

    @ParameterizedTest
    @MethodSource("andersonDarling")
    void andersonDarlingMatchesAndersonKsamp(JsonNode c) {
        JsonNode samples = c.get("samples");
        double[][] arrays = new double[samples.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = doubles(samples.get(i));
        }
        assertMatches(HypothesisTests.andersonDarling(arrays), c, HypothesisTests.ANDERSON_DARLING);
    }

    @ParameterizedTest
    @MethodSource("cramerVonMises")
    void cramerVonMisesMatchesCramervonmises2samp(JsonNode c) {
        TestResult r = HypothesisTests.cramerVonMises(doubles(c.get("reference")), doubles(c.get("current")));
        assertThat(r.test()).isEqualTo(HypothesisTests.CRAMER_VON_MISES);
        assertClose("statistic", r.statistic(), c.get("statistic").asDouble(), REL, 1e-15);
        // SciPy's asymptotic p-value is 1 - cdf with the cdf a sum of Bessel terms: both it and
        // ours are accurate to a few ulps of 1 in absolute terms, not relatively in the tail
        boolean exact = c.get("method").asText().equals("exact");
        assertClose("p-value", r.pValue(), c.get("pvalue").asDouble(), REL, exact ? 0 : 1e-14);
    }

    @ParameterizedTest
    @MethodSource("mannWhitney")
    void mannWhitneyMatchesMannwhitneyu(JsonNode c) {
        assertMatches(HypothesisTests.mannWhitneyU(doubles(c.get("reference")), doubles(c.get("current"))),
                c, HypothesisTests.MANN_WHITNEY_U);
    }
}
