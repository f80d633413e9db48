package dev.mlops.monitoring.experiment;

import dev.mlops.monitoring.internal.stats.StudentT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AbTestBehaviourTest {

    @Test
    @DisplayName("a wider interval at a smaller alpha, centred on the same estimate")
    void alphaWidensIntervals() {
        SampleSummary control = new SampleSummary(1000, 10.0, 4.0);
        SampleSummary treatment = new SampleSummary(1000, 10.3, 4.0);
        MeanComparison at95 = AbTest.compareMeans(control, treatment);
        MeanComparison at99 = AbTest.compareMeans(control, treatment, 0.01);
        assertThat(at99.welch().upper() - at99.welch().lower()).isGreaterThan(at95.welch().upper() - at95.welch().lower());
        assertThat(at99.welch().difference()).isEqualTo(at95.welch().difference());
        RelativeLift lift = at95.lift().orElseThrow();
        assertThat(lift.estimate()).isCloseTo(0.03, Offset.offset(1e-15));
        assertThat(lift.lower()).isLessThan(lift.estimate()).isPositive();
        assertThat(at95.welch().pValue()).isLessThan(0.05);
    }

    @Test
    @DisplayName("a sample-ratio check alarms below its threshold only")
    void srmThreshold() {
        long[] observed = {5000, 5300};
        SampleRatioCheck strict = AbTest.sampleRatioMismatch(observed, new double[] {1, 1});
        assertThat(strict.chiSquare().pValue()).isBetween(0.001, 0.05);
        assertThat(strict.mismatch()).isFalse();
        assertThat(AbTest.sampleRatioMismatch(observed, new double[] {1, 1}, 0.05).mismatch()).isTrue();
        assertThat(strict.expectedShares()).containsExactly(0.5, 0.5);
        assertThat(strict.observed()).containsExactly(5000L, 5300L);
    }

    @Test
    @DisplayName("bad input is rejected with the offending argument named")
    void validation() {
        SampleSummary ok = new SampleSummary(10, 1.0, 1.0);
        assertThatThrownBy(() -> new SampleSummary(1, 1.0, 1.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("n:");
        assertThatThrownBy(() -> new SampleSummary(5, Double.NaN, 1.0)).hasMessageStartingWith("mean:");
        assertThatThrownBy(() -> new SampleSummary(5, 1.0, -1.0)).hasMessageStartingWith("variance:");
        assertThatThrownBy(() -> SampleSummary.of(1.0)).hasMessageStartingWith("values:");
        assertThatThrownBy(() -> SampleSummary.of(1.0, Double.POSITIVE_INFINITY)).hasMessageContaining("index 1");
        assertThatThrownBy(() -> AbTest.compareMeans(ok, ok, 0.0)).hasMessageStartingWith("alpha:");
        assertThatThrownBy(() -> AbTest.compareMeans(null, ok)).hasMessageStartingWith("control:");
        SampleSummary constant = new SampleSummary(10, 1.0, 0.0);
        assertThatThrownBy(() -> AbTest.compareMeans(constant, constant)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("zero variance");
        assertThatThrownBy(() -> AbTest.compareProportions(5, 4, 1, 10)).hasMessageStartingWith("control:");
        assertThatThrownBy(() -> AbTest.compareProportions(1, 10, -1, 10)).hasMessageStartingWith("treatment:");
        assertThatThrownBy(() -> AbTest.sampleRatioMismatch(new long[] {10}, new double[] {1}))
                .hasMessageStartingWith("observed:");
        assertThatThrownBy(() -> AbTest.sampleRatioMismatch(new long[] {10, 10}, new double[] {1}))
                .hasMessageStartingWith("expectedShares:");
        assertThatThrownBy(() -> AbTest.sampleRatioMismatch(new long[] {10, 10}, new double[] {1, 0}))
                .hasMessageStartingWith("expectedShares:");
        assertThatThrownBy(() -> AbTest.sampleRatioMismatch(new long[] {0, 0}, new double[] {1, 1}))
                .hasMessageStartingWith("observed:");
        assertThatThrownBy(() -> AbTest.sampleRatioMismatch(new long[] {10, -1}, new double[] {1, 1}))
                .hasMessageStartingWith("observed:");
    }

    @Test
    @DisplayName("the t quantile inverts the survival function, in both tails")
    void quantileInverts() {
        for (double nu : new double[] {1, 1.5, 4, 33.3, 1e5}) {
            for (double q : new double[] {1e-12, 1e-4, 0.025, 0.3, 0.5, 0.7, 0.975}) {
                double t = StudentT.isf(q, nu);
                assertThat(StudentT.sf(t, nu)).as("sf(isf(%s, %s))", q, nu).isCloseTo(q, Offset.offset(1e-13 * q));
            }
        }
        assertThat(StudentT.cdf(1.3, 7)).isCloseTo(1 - StudentT.sf(1.3, 7), Offset.offset(1e-16));
        assertThatThrownBy(() -> StudentT.sf(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudentT.isf(1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
