package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every builder rejects bad parameters with an exception that names the parameter. */
class ParameterValidationTest {

    static Stream<Arguments> badParameters() {
        return Stream.of(
                bad("delta", () -> Adwin.builder().delta(0)),
                bad("delta", () -> Adwin.builder().delta(1)),
                bad("delta", () -> Adwin.builder().delta(Double.NaN)),
                bad("clock", () -> Adwin.builder().clock(0)),
                bad("maxBuckets", () -> Adwin.builder().maxBuckets(0)),
                bad("minWindowLength", () -> Adwin.builder().minWindowLength(0)),
                bad("gracePeriod", () -> Adwin.builder().gracePeriod(-1)),
                bad("warmStart", () -> Ddm.builder().warmStart(-1)),
                bad("warningThreshold", () -> Ddm.builder().warningThreshold(0)),
                bad("driftThreshold", () -> Ddm.builder().driftThreshold(Double.POSITIVE_INFINITY)),
                bad("driftThreshold", () -> Ddm.builder().warningThreshold(3).driftThreshold(2).build()),
                bad("warmStart", () -> Eddm.builder().warmStart(-5)),
                bad("alpha", () -> Eddm.builder().alpha(0)),
                bad("beta", () -> Eddm.builder().beta(1.5)),
                bad("beta", () -> Eddm.builder().alpha(0.8).beta(0.9).build()),
                bad("driftConfidence", () -> HddmA.builder().driftConfidence(0)),
                bad("warningConfidence", () -> HddmA.builder().warningConfidence(1)),
                bad("driftConfidence", () -> HddmA.builder().driftConfidence(0.01).build()),
                bad("driftConfidence", () -> HddmW.builder().driftConfidence(-0.1)),
                bad("warningConfidence", () -> HddmW.builder().warningConfidence(Double.NaN)),
                bad("lambda", () -> HddmW.builder().lambda(0)),
                bad("lambda", () -> HddmW.builder().lambda(1.1)),
                bad("driftConfidence", () -> HddmW.builder().warningConfidence(0.0005).build()),
                bad("minInstances", () -> PageHinkley.builder().minInstances(0)),
                bad("delta", () -> PageHinkley.builder().delta(-0.1)),
                bad("threshold", () -> PageHinkley.builder().threshold(0)),
                bad("alpha", () -> PageHinkley.builder().alpha(0)),
                bad("alpha", () -> PageHinkley.builder().alpha(1.0001)),
                bad("mode", () -> PageHinkley.builder().mode(null)),
                bad("alpha", () -> Kswin.builder().alpha(1)),
                bad("windowSize", () -> Kswin.builder().windowSize(1)),
                bad("statSize", () -> Kswin.builder().statSize(0)),
                bad("statSize", () -> Kswin.builder().statSize(Kswin.MAX_STAT_SIZE + 1)),
                bad("windowSize", () -> Kswin.builder().windowSize(59).statSize(30).build()));
    }

    private static Arguments bad(String parameter, Executable call) {
        return Arguments.of(parameter, call);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("badParameters")
    void isRejectedNamingTheParameter(String parameter, Executable call) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.field()).contains(parameter))
                .hasMessageStartingWith(parameter + ": ");
    }

    @Test
    void defaultsAreRiversDefaults() {
        Adwin adwin = Adwin.ofDefaults();
        assertThat(adwin.delta()).isEqualTo(0.002);
        assertThat(adwin.clock()).isEqualTo(32);
        assertThat(adwin.maxBuckets()).isEqualTo(5);
        assertThat(adwin.minWindowLength()).isEqualTo(5);
        assertThat(adwin.gracePeriod()).isEqualTo(10);
        Ddm ddm = Ddm.ofDefaults();
        assertThat(ddm.warmStart()).isEqualTo(30);
        assertThat(ddm.warningThreshold()).isEqualTo(2.0);
        assertThat(ddm.driftThreshold()).isEqualTo(3.0);
        Eddm eddm = Eddm.ofDefaults();
        assertThat(eddm.warmStart()).isEqualTo(30);
        assertThat(eddm.alpha()).isEqualTo(0.95);
        assertThat(eddm.beta()).isEqualTo(0.9);
        HddmA hddmA = HddmA.ofDefaults();
        assertThat(hddmA.driftConfidence()).isEqualTo(0.001);
        assertThat(hddmA.warningConfidence()).isEqualTo(0.005);
        assertThat(hddmA.twoSided()).isFalse();
        HddmW hddmW = HddmW.ofDefaults();
        assertThat(hddmW.driftConfidence()).isEqualTo(0.001);
        assertThat(hddmW.warningConfidence()).isEqualTo(0.005);
        assertThat(hddmW.lambda()).isEqualTo(0.05);
        assertThat(hddmW.twoSided()).isFalse();
        PageHinkley ph = PageHinkley.ofDefaults();
        assertThat(ph.minInstances()).isEqualTo(30);
        assertThat(ph.delta()).isEqualTo(0.005);
        assertThat(ph.threshold()).isEqualTo(50.0);
        assertThat(ph.alpha()).isEqualTo(0.9999);
        assertThat(ph.mode()).isEqualTo(PageHinkley.Mode.BOTH);
        Kswin kswin = Kswin.ofDefaults();
        assertThat(kswin.alpha()).isEqualTo(0.005);
        assertThat(kswin.windowSize()).isEqualTo(100);
        assertThat(kswin.statSize()).isEqualTo(30);
        assertThat(kswin.toString()).isEqualTo("Kswin[alpha=0.005, windowSize=100, statSize=30, seed=0]");
    }

    @Test
    void aRejectedSetterLeavesTheBuilderUsable() {
        Adwin.Builder builder = Adwin.builder().delta(0.01);
        assertThatThrownBy(() -> builder.delta(2)).isInstanceOf(InvalidArgumentException.class);
        assertThat(builder.build().delta()).isEqualTo(0.01);
    }
}
