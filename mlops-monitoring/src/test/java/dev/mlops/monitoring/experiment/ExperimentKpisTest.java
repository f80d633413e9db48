package dev.mlops.monitoring.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExperimentKpisTest {

    final LiveModels models = new LiveModels();
    final InMemoryAssignmentLog log = AssignmentLog.inMemory();

    @AfterEach
    void close() {
        models.close();
    }

    static Assignment assignment(String experiment, String key, Arm arm, boolean shadow) {
        return new Assignment(experiment, key, arm, "fraud", arm == Arm.CHAMPION ? 1 : 2, shadow,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    @DisplayName("routed keys and their KPIs become per-arm summaries equal to SampleSummary.of over each arm's values")
    void summariesFromRoutedTraffic() {
        ExperimentRouter<String, String, String> router = models.builder("checkout-v2", log).challengerPercent(20).build();
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Double> revenue = new HashMap<>();
        List<Double> champion = new ArrayList<>();
        List<Double> challenger = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String key = "user-" + i;
            Arm arm = router.route(key, "basket").assignment().arm();
            router.route(key, "again"); // a second request of the same unit
            double value = random.nextDouble() * 10 + (arm == Arm.CHALLENGER ? 1 : 0);
            revenue.put(key, value);
            (arm == Arm.CHAMPION ? champion : challenger).add(value);
        }
        ArmSamples samples = ExperimentKpis.summarize("checkout-v2", log.assignments(), revenue, OptionalDouble.empty());
        assertThat(samples.championUnits()).isEqualTo(champion.size());
        assertThat(samples.challengerUnits()).isEqualTo(challenger.size());
        assertThat(samples.keysInBothArms()).isZero();
        assertThat(samples.unitsWithoutKpi()).isZero();
        SampleSummary expectedChampion = SampleSummary.of(champion.stream().mapToDouble(Double::doubleValue).toArray());
        SampleSummary expectedChallenger = SampleSummary.of(challenger.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(samples.champion().orElseThrow().n()).isEqualTo(expectedChampion.n());
        assertThat(samples.champion().orElseThrow().mean()).isCloseTo(expectedChampion.mean(), within(1e-12));
        assertThat(samples.champion().orElseThrow().variance()).isCloseTo(expectedChampion.variance(), within(1e-10));
        assertThat(samples.challenger().orElseThrow().mean()).isCloseTo(expectedChallenger.mean(), within(1e-12));

        MeanComparison lift = samples.compareMeans();
        MeanComparison direct = AbTest.compareMeans(expectedChampion, expectedChallenger);
        assertThat(lift.welch().pValue()).isCloseTo(direct.welch().pValue(), within(1e-12));
        assertThat(lift.welch().difference()).isCloseTo(1.0, within(0.3));
        assertThat(lift.welch().pValue()).isLessThan(1e-6);

        SampleRatioCheck srm = samples.sampleRatioMismatch(router.challengerPercent());
        assertThat(srm.mismatch()).isFalse();
        assertThat(srm.observed()).containsExactly((long) champion.size(), (long) challenger.size());
        assertThat(srm.expectedShares().get(1)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    @DisplayName("checked against the wrong split, the same traffic is a sample-ratio mismatch")
    void srmAgainstWrongSplit() {
        ExperimentRouter<String, String, String> router = models.builder("checkout-v2", log).challengerPercent(20).build();
        for (int i = 0; i < 5_000; i++) {
            router.route("user-" + i, "x");
        }
        ArmSamples samples = ExperimentKpis.summarize("checkout-v2", log.assignments(), Map.of(), OptionalDouble.of(0));
        assertThat(samples.sampleRatioMismatch(20).mismatch()).isFalse();
        assertThat(samples.sampleRatioMismatch(25).mismatch()).isTrue();
        assertThatThrownBy(() -> samples.sampleRatioMismatch(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("challengerPercent");
    }

    @Test
    @DisplayName("keys in both arms are set apart, missing KPIs are filled or left out, shadow and other experiments ignored")
    void bookkeeping() {
        List<Assignment> all = List.of(
                assignment("exp", "a", Arm.CHAMPION, false),
                assignment("exp", "a", Arm.CHAMPION, false),
                assignment("exp", "b", Arm.CHAMPION, false),
                assignment("exp", "c", Arm.CHAMPION, false),
                assignment("exp", "d", Arm.CHALLENGER, false),
                assignment("exp", "e", Arm.CHALLENGER, false),
                assignment("exp", "f", Arm.CHALLENGER, false),
                assignment("exp", "moved", Arm.CHAMPION, false),
                assignment("exp", "moved", Arm.CHALLENGER, false),
                assignment("exp", "shadowed", Arm.CHAMPION, true),
                assignment("other", "g", Arm.CHALLENGER, false));
        Map<String, Double> kpi = Map.of("a", 1.0, "b", 3.0, "d", 10.0, "e", 20.0, "moved", 100.0, "g", 5.0);

        ArmSamples leftOut = ExperimentKpis.summarize("exp", all, kpi, OptionalDouble.empty());
        assertThat(leftOut.championUnits()).isEqualTo(3);
        assertThat(leftOut.challengerUnits()).isEqualTo(3);
        assertThat(leftOut.keysInBothArms()).isEqualTo(1);
        assertThat(leftOut.unitsWithoutKpi()).isEqualTo(2);
        assertThat(leftOut.champion()).contains(new SampleSummary(2, 2.0, 2.0));
        assertThat(leftOut.challenger()).contains(new SampleSummary(2, 15.0, 50.0));

        ArmSamples zeroFilled = ExperimentKpis.summarize("exp", all, kpi, OptionalDouble.of(0));
        assertThat(zeroFilled.unitsWithoutKpi()).isZero();
        assertThat(zeroFilled.champion().orElseThrow().mean()).isCloseTo(4.0 / 3, within(1e-15));
        assertThat(zeroFilled.challenger().orElseThrow().mean()).isCloseTo(10.0, within(1e-15));
    }

    @Test
    @DisplayName("too few units, non-finite KPIs and null arguments are rejected with the offending input named")
    void badInput() {
        List<Assignment> one = List.of(assignment("exp", "a", Arm.CHAMPION, false),
                assignment("exp", "b", Arm.CHALLENGER, false), assignment("exp", "c", Arm.CHALLENGER, false));
        ArmSamples samples = ExperimentKpis.summarize("exp", one, Map.of("a", 1.0, "b", 1.0, "c", 2.0),
                OptionalDouble.empty());
        assertThat(samples.champion()).isEmpty();
        assertThatThrownBy(samples::compareMeans).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("champion");
        assertThatThrownBy(() -> ExperimentKpis.summarize("exp", one, Map.of("b", Double.NaN), OptionalDouble.empty()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key b");
        assertThatThrownBy(() -> ExperimentKpis.summarize("exp", one, Map.of(), OptionalDouble.of(Double.NaN)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("valueWhenMissing");
        assertThatThrownBy(() -> ExperimentKpis.summarize("exp", null, Map.of(), OptionalDouble.empty()))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
