package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour every detector must show with its defaults, on seeded synthetic streams: few false
 * alarms on a long stationary stream, detection soon after an abrupt change, the reset contract,
 * deterministic output, and input rejected without side effects. Binary detectors see error
 * indicators (rate 0.2, then 0.6); the others see N(0, 1), then N(2, 1).
 */
class DetectorBehaviourTest {

    /**
     * A detector under test, its bounds measured over 20 seeds and widened. {@code minJudged}: of
     * 20 seeds, how many at least must have no false drift in the 200 values before the change
     * (detectors with frequent false alarms have fewer).
     */
    record Case(String name, Supplier<StreamingDetector> factory, boolean binary,
                int maxFalseDriftsPer20k, int maxDelay, int minJudged) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> detectors() {
        return Stream.of(
                new Case("ADWIN", Adwin::ofDefaults, false, 0, 64, 16),
                new Case("DDM", Ddm::ofDefaults, true, 5, 500, 16),
                // EDDM's defaults are known to alarm often on stationary streams (river's own
                // example raises alpha/beta for that reason): the bound documents it.
                new Case("EDDM", Eddm::ofDefaults, true, 120, 200, 6),
                new Case("HDDM_A", HddmA::ofDefaults, true, 1, 150, 16),
                new Case("HDDM_W", HddmW::ofDefaults, true, 8, 100, 16),
                new Case("PageHinkley", PageHinkley::ofDefaults, false, 30, 60, 16),
                new Case("KSWIN", Kswin::ofDefaults, false, 60, 120, 8))
                .map(Arguments::of);
    }

    private static double before(Case c, SplittableRandom random) {
        return c.binary() ? (random.nextDouble() < 0.2 ? 1.0 : 0.0) : random.nextGaussian();
    }

    private static double after(Case c, SplittableRandom random) {
        return c.binary() ? (random.nextDouble() < 0.6 ? 1.0 : 0.0) : random.nextGaussian() + 2.0;
    }

    private static double[] stationary(Case c, long seed, int n) {
        return withChange(c, seed, n, n);
    }

    /** {@code n} values drawn from the first regime up to index {@code changeAt}, then the second. */
    private static double[] withChange(Case c, long seed, int n, int changeAt) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < changeAt ? before(c, random) : after(c, random);
        }
        return values;
    }

    @Nested
    @DisplayName("on a stream without change")
    class Stationary {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void raisesFewFalseAlarms(Case c) {
            for (long seed = 1; seed <= 5; seed++) {
                StreamingDetector detector = c.factory().get();
                List<List<Integer>> events = ReferenceData.run(detector, stationary(c, seed, 20_000));
                assertThat(events.get(1)).as("false drifts, seed %d", seed)
                        .hasSizeLessThanOrEqualTo(c.maxFalseDriftsPer20k());
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void isDeterministic(Case c) {
            double[] values = stationary(c, 42, 5_000);
            assertThat(ReferenceData.run(c.factory().get(), values))
                    .isEqualTo(ReferenceData.run(c.factory().get(), values));
        }
    }

    @Nested
    @DisplayName("after an abrupt change")
    class AbruptChange {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void detectsWithinBoundedDelay(Case c) {
            int judged = 0;
            for (long seed = 1; seed <= 20; seed++) {
                SplittableRandom random = new SplittableRandom(seed);
                StreamingDetector detector = c.factory().get();
                int lastPrefixDrift = -1;
                for (int i = 0; i < 1_000; i++) {
                    if (detector.update(before(c, random)) == DetectorState.DRIFT) {
                        lastPrefixDrift = i;
                    }
                }
                if (lastPrefixDrift >= 800) {
                    continue; // a reset just before the change lets the detector adopt the new concept
                }
                judged++;
                int delay = -1;
                for (int i = 0; i < 2_000 && delay < 0; i++) {
                    if (detector.update(after(c, random)) == DetectorState.DRIFT) {
                        delay = i;
                    }
                }
                assertThat(delay).as("delay, seed %d", seed).isBetween(0, c.maxDelay());
            }
            assertThat(judged).as("seeds without a drift just before the change (%d)", judged)
                    .isGreaterThanOrEqualTo(c.minJudged());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void startsAFreshWindowOnTheUpdateAfterADrift(Case c) {
            SplittableRandom random = new SplittableRandom(3);
            StreamingDetector detector = c.factory().get();
            for (int i = 0; i < 1_000; i++) {
                detector.update(before(c, random));
            }
            DetectorState state = DetectorState.NONE;
            for (int i = 0; i < 2_000 && state != DetectorState.DRIFT; i++) {
                state = detector.update(after(c, random));
            }
            assertThat(detector.driftDetected()).isTrue();
            assertThat(detector.warningDetected()).isFalse();
            assertThat(detector.observations()).isPositive();

            detector.update(after(c, random));

            assertThat(detector.observations()).isEqualTo(1);
            assertThat(detector.state()).isEqualTo(DetectorState.NONE);
        }
    }

    @Nested
    @DisplayName("reset")
    class Reset {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void behavesLikeAFreshDetector(Case c) {
            double[] first = stationary(c, 5, 3_000);
            double[] second = withChange(c, 6, 3_000, 1_500);
            StreamingDetector used = c.factory().get();
            ReferenceData.run(used, first);

            used.reset();

            assertThat(used.observations()).isZero();
            assertThat(used.state()).isEqualTo(DetectorState.NONE);
            List<List<Integer>> expected = ReferenceData.run(c.factory().get(), second);
            assertThat(expected.get(1)).as("the scenario has a drift").isNotEmpty();
            assertThat(ReferenceData.run(used, second)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mlops.monitoring.stream.DetectorBehaviourTest#detectors")
        void isRejectedNamingXAndChangesNothing(Case c) {
            double[] values = withChange(c, 9, 2_000, 1_000);
            StreamingDetector clean = c.factory().get();
            StreamingDetector poked = c.factory().get();
            List<List<Integer>> expected = ReferenceData.run(clean, values);

            List<Integer> warnings = new java.util.ArrayList<>();
            List<Integer> drifts = new java.util.ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (i % 97 == 0) {
                    DetectorState stateBefore = poked.state();
                    long observationsBefore = poked.observations();
                    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        assertThatThrownBy(() -> poked.update(bad))
                                .isInstanceOfSatisfying(InvalidArgumentException.class,
                                        e -> assertThat(e.field()).contains("x"));
                    }
                    assertThat(poked.state()).isEqualTo(stateBefore);
                    assertThat(poked.observations()).isEqualTo(observationsBefore);
                }
                DetectorState state = poked.update(values[i]);
                if (state == DetectorState.WARNING) {
                    warnings.add(i);
                } else if (state == DetectorState.DRIFT) {
                    drifts.add(i);
                }
            }
            assertThat(List.of(warnings, drifts)).isEqualTo(expected);
        }
    }
}
