package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Input rules of the error-rate detectors, and DDM's warning zone. */
class BinaryInputTest {

    static Stream<Arguments> binaryDetectors() {
        return Stream.<Supplier<BinaryDetector>>of(Ddm::ofDefaults, Eddm::ofDefaults, HddmA::ofDefaults, HddmW::ofDefaults)
                .map(s -> Arguments.of(s.get().getClass().getSimpleName(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryDetectors")
    void booleanOverloadEqualsZeroOne(String name, Supplier<BinaryDetector> factory) {
        BinaryDetector numeric = factory.get();
        BinaryDetector flags = factory.get();
        double[] stream = ReferenceData.stream("stream_binary_42.txt");
        for (double x : stream) {
            assertThat(flags.update(x == 1.0)).isEqualTo(numeric.update(x));
        }
        assertThat(flags.signalsWarnings()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryDetectors")
    void rejectsValuesOutsideItsDomain(String name, Supplier<BinaryDetector> factory) {
        BinaryDetector detector = factory.get();
        for (double bad : new double[] {-0.5, 1.5, 2.0, -1.0}) {
            assertThatThrownBy(() -> detector.update(bad))
                    .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.field()).contains("x"));
        }
        assertThat(detector.observations()).isZero();
    }

    @Test
    void ddmAndEddmTakeOnlyZeroAndOne() {
        assertThatThrownBy(() -> Ddm.ofDefaults().update(0.5))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("0 (success) or 1 (error)");
        assertThatThrownBy(() -> Eddm.ofDefaults().update(0.5)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void hddmTakesValuesInTheUnitInterval() {
        HddmA a = HddmA.ofDefaults();
        HddmW w = HddmW.ofDefaults();
        a.update(0.25);
        w.update(0.25);
        assertThat(a.mean()).isEqualTo(0.25);
        assertThat(w.average()).isEqualTo(0.25);
    }

    @Test
    void ddmPassesThroughTheWarningZoneBeforeItDetectsDrift() {
        Ddm ddm = Ddm.ofDefaults();
        SplittableRandom random = new SplittableRandom(17);
        DetectorState previous = DetectorState.NONE;
        int zoneStart = -1;
        int drift = -1;
        for (int i = 0; i < 6_000 && drift < 0; i++) {
            double rate = i < 3_000 ? 0.1 : 0.3;
            DetectorState state = ddm.update(random.nextDouble() < rate);
            if (state == DetectorState.WARNING && previous != DetectorState.WARNING) {
                zoneStart = i;
            }
            if (state == DetectorState.DRIFT) {
                drift = i;
                // one observation moves p + s by far less than one s_min, so it cannot jump 2 -> 3
                assertThat(previous).isEqualTo(DetectorState.WARNING);
            }
            previous = state;
        }
        assertThat(drift).as("drift index").isGreaterThanOrEqualTo(3_000);
        assertThat(zoneStart).as("start of the warning zone that led to the drift").isBetween(3_000, drift - 1);
        assertThat(ddm.warningDetected()).isFalse();
        assertThat(ddm.errorRate()).isGreaterThan(0.1);
    }

    @Test
    void detectorsWithoutWarningsNeverWarn() {
        for (StreamingDetector d : new StreamingDetector[] {Adwin.ofDefaults(), PageHinkley.ofDefaults(), Kswin.ofDefaults()}) {
            assertThat(d.signalsWarnings()).isFalse();
            for (double x : ReferenceData.stream("stream_mixed_12345.txt")) {
                assertThat(d.update(x)).isNotEqualTo(DetectorState.WARNING);
            }
        }
    }
}
