package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with the offending argument named, and input arrays are never changed. */
class InputValidationTest {

    private static final double[] SAMPLE = {3.0, 1.0, 2.0, 5.0, 4.0};

    private static void assertRejected(Runnable call, String field, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidArgumentException) e).field()).contains(field));
    }

    @Nested
    class NumericSamples {

        @Test
        void emptySampleIsRejectedNamingTheSample() {
            assertRejected(() -> HypothesisTests.kolmogorovSmirnov(new double[0], SAMPLE), "reference", "empty");
            assertRejected(() -> HypothesisTests.mannWhitneyU(SAMPLE, new double[0]), "current", "empty");
            assertRejected(() -> Distances.wasserstein(SAMPLE, new double[0]), "v", "empty");
        }

        @Test
        void nullSampleIsRejected() {
            assertRejected(() -> HypothesisTests.cramerVonMises(null, SAMPLE), "reference", "null");
        }

        @Test
        void nanIsRejectedWithItsIndex() {
            double[] withNan = {1.0, Double.NaN, 2.0};
            assertRejected(() -> HypothesisTests.kolmogorovSmirnov(SAMPLE, withNan), "current", "index 1 is NaN");
            assertRejected(() -> Distances.energy(withNan, SAMPLE), "u", "index 1 is NaN");
        }

        @Test
        void infinityIsRejected() {
            double[] withInf = {1.0, 2.0, Double.NEGATIVE_INFINITY};
            assertRejected(() -> Distances.wassersteinNormed(withInf, SAMPLE), "reference", "index 2 is -Infinity");
        }

        @Test
        void inputArraysAreNotSorted() {
            double[] reference = SAMPLE.clone();
            double[] current = {9.0, 7.0, 8.0};
            HypothesisTests.kolmogorovSmirnov(reference, current);
            HypothesisTests.mannWhitneyU(reference, current);
            HypothesisTests.cramerVonMises(reference, current);
            HypothesisTests.andersonDarling(reference, current);
            Distances.energy(reference, current);
            assertThat(reference).containsExactly(SAMPLE);
            assertThat(current).containsExactly(9.0, 7.0, 8.0);
        }

        @Test
        void cramerVonMisesNeedsTwoValuesPerSample() {
            assertRejected(() -> HypothesisTests.cramerVonMises(new double[] {1.0}, SAMPLE), "reference", "at least 2");
        }

        @Test
        void andersonDarlingNeedsTwoSamplesFourValuesAndTwoDistinctValues() {
            assertRejected(() -> HypothesisTests.andersonDarling(SAMPLE), "samples", "two samples");
            assertRejected(() -> HypothesisTests.andersonDarling(new double[] {1}, new double[] {2, 3}),
                    "samples", "at least 4");
            assertRejected(() -> HypothesisTests.andersonDarling(new double[] {1, 1}, new double[] {1, 1}),
                    "samples", "distinct");
        }
    }

    @Nested
    class Counts {

        @Test
        void negativeCountIsRejected() {
            assertRejected(() -> HypothesisTests.chiSquare(new long[] {1, -1}, new long[] {1, 1}), "reference", "negative");
        }

        @Test
        void allZeroCountsAreRejected() {
            assertRejected(() -> Distances.psi(new long[] {1, 1}, new long[] {0, 0}), "current", "all be zero");
        }

        @Test
        void categoryCountsMustLineUp() {
            assertRejected(() -> Distances.jensenShannon(new long[] {1, 2, 3}, new long[] {1, 2}), "current", "align");
        }

        @Test
        void smoothingAndBaseAreChecked() {
            assertRejected(() -> Distances.klDivergence(new long[] {1, 0}, new long[] {0, 1}, 0.0), "epsilon", "(0, 1)");
            assertRejected(() -> Distances.jensenShannon(new long[] {1}, new long[] {1}, 1.0), "base", "not 1");
        }

        @Test
        void contingencyTableMustBeRectangularAndNonNegative() {
            assertRejected(() -> HypothesisTests.chiSquareContingency(new long[][] {{1, 2}, {3}}), "table", "columns");
            assertRejected(() -> HypothesisTests.chiSquareContingency(new long[][] {{1, -2}, {3, 4}}), "table", "negative");
            assertRejected(() -> HypothesisTests.chiSquareContingency(new long[][] {{0, 0}, {0, 0}}), "table", "zero");
        }

        @Test
        void proportionsAreChecked() {
            assertRejected(() -> HypothesisTests.twoProportionZ(5, 4, 1, 10), "reference", "successes");
            assertRejected(() -> HypothesisTests.twoProportionZ(1, 4, 1, 0), "current", "total");
        }

        @Test
        void mapsWithNullCountsAreRejected() {
            Map<String, Long> bad = new LinkedHashMap<>();
            bad.put("a", null);
            assertRejected(() -> Distances.hellinger(Map.of("a", 1L), bad), "current", "'a' is null");
        }
    }

    @Nested
    class Results {

        @Test
        void testResultRejectsOutOfRangeValues() {
            assertRejected(() -> new TestResult("ks", 0.1, 1.5), "pValue", "[0, 1]");
            assertRejected(() -> new TestResult("ks", Double.NaN, 0.5), "statistic", "NaN");
            assertRejected(() -> new TestResult(" ", 0.1, 0.5), "test", "name");
            assertRejected(() -> new TestResult("ks", 0.1, 0.5).rejectsAt(0), "alpha", "(0, 1)");
        }

        @Test
        void rejectsAtComparesThePValueWithAlpha() {
            TestResult result = new TestResult("ks", 0.3, 0.04);
            assertThat(result.rejectsAt(0.05)).isTrue();
            assertThat(result.rejectsAt(0.01)).isFalse();
        }
    }
}
