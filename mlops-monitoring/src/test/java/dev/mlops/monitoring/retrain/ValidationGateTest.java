package dev.mlops.monitoring.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidationGateTest {

    static Optional<Map<String, Double>> champion(Map<String, Double> metrics) {
        return Optional.of(metrics);
    }

    @Nested
    @DisplayName("value thresholds")
    class Values {

        private final ValidationGate gate = ValidationGate.builder()
                .valueThreshold("auc", ValueThreshold.atLeast(0.8))
                .valueThreshold("log_loss", ValueThreshold.between(0.0, 0.5))
                .build();

        @Test
        @DisplayName("pass when every metric lies within its bounds, both bounds inclusive")
        void inclusiveBounds() {
            GateResult r = gate.evaluate(Map.of("auc", 0.8, "log_loss", 0.5), Optional.empty());
            assertThat(r.passed()).isTrue();
            assertThat(r.failures()).isEmpty();
        }

        @Test
        @DisplayName("fail with the metric and the reason when a value is outside its bounds")
        void outside() {
            GateResult r = gate.evaluate(Map.of("auc", 0.79, "log_loss", 0.2), Optional.empty());
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.metric()).isEqualTo("auc");
                assertThat(f.reason()).contains("0.79").contains("outside");
            });
        }

        @Test
        @DisplayName("a missing metric fails, and so does NaN")
        void missingAndNaN() {
            GateResult missing = gate.evaluate(Map.of("auc", 0.9), Optional.empty());
            assertThat(missing.passed()).isFalse();
            assertThat(missing.reasons()).singleElement().asString().contains("log_loss").contains("no value");
            GateResult nan = gate.evaluate(Map.of("auc", Double.NaN, "log_loss", 0.1), Optional.empty());
            assertThat(nan.reasons()).singleElement().asString().contains("NaN");
        }
    }

    @Nested
    @DisplayName("change thresholds")
    class Changes {

        @Test
        @DisplayName("higher-is-better passes when diff >= absolute and ratio >= relative, both inclusive")
        void higherIsBetter() {
            // Dyadic values keep the arithmetic exact, so the boundary case tests inclusiveness.
            ValidationGate gate = ValidationGate.builder()
                    .changeThreshold("auc", ChangeThreshold.higherIsBetter().absolute(-1.0 / 64).relative(-1.0 / 32))
                    .build();
            assertThat(gate.evaluate(Map.of("auc", 0.5 - 1.0 / 128), champion(Map.of("auc", 0.5))).passed()).isTrue();
            assertThat(gate.evaluate(Map.of("auc", 0.5 - 1.0 / 64), champion(Map.of("auc", 0.5))).passed()).isTrue();
            GateResult worse = gate.evaluate(Map.of("auc", 0.25), champion(Map.of("auc", 0.5)));
            assertThat(worse.passed()).isFalse();
            assertThat(worse.reasons()).hasSize(1);
            assertThat(worse.reasons().get(0)).contains("absolute bound -0.015625");
            GateResult relativeOnly = ValidationGate.builder()
                    .changeThreshold("auc", ChangeThreshold.higherIsBetter().relative(-1.0 / 32)).build()
                    .evaluate(Map.of("auc", 0.25), champion(Map.of("auc", 0.5)));
            assertThat(relativeOnly.reasons()).singleElement().asString().contains("relative change -0.5");
        }

        @Test
        @DisplayName("lower-is-better passes when diff <= absolute and ratio <= relative")
        void lowerIsBetter() {
            ValidationGate gate = ValidationGate.builder()
                    .changeThreshold("log_loss", ChangeThreshold.lowerIsBetter().relative(0.125))
                    .build();
            assertThat(gate.evaluate(Map.of("log_loss", 0.28125), champion(Map.of("log_loss", 0.25))).passed()).isTrue();
            assertThat(gate.evaluate(Map.of("log_loss", 0.3125), champion(Map.of("log_loss", 0.25))).passed()).isFalse();
            assertThat(gate.evaluate(Map.of("log_loss", 0.125), champion(Map.of("log_loss", 0.25))).passed()).isTrue();
        }

        @Test
        @DisplayName("no champion yet: change thresholds are skipped and the result says so")
        void noChampion() {
            ValidationGate gate = ValidationGate.builder()
                    .valueThreshold("auc", ValueThreshold.atLeast(0.5))
                    .changeThreshold("auc", ChangeThreshold.higherIsBetter().absolute(0.0))
                    .build();
            GateResult r = gate.evaluate(Map.of("auc", 0.6), Optional.empty());
            assertThat(r.passed()).isTrue();
            assertThat(r.changeThresholdsSkipped()).isTrue();
            GateResult withChampion = gate.evaluate(Map.of("auc", 0.6), champion(Map.of("auc", 0.7)));
            assertThat(withChampion.passed()).isFalse();
            assertThat(withChampion.changeThresholdsSkipped()).isFalse();
        }

        @Test
        @DisplayName("a champion without the metric fails the change threshold")
        void championLacksMetric() {
            ValidationGate gate = ValidationGate.builder()
                    .changeThreshold("f1", ChangeThreshold.higherIsBetter().absolute(0.0)).build();
            GateResult r = gate.evaluate(Map.of("f1", 0.9), champion(Map.of("auc", 0.9)));
            assertThat(r.passed()).isFalse();
            assertThat(r.reasons()).singleElement().asString().contains("champion has no value");
        }

        @Test
        @DisplayName("a relative bound against a champion value of 0 fails; an absolute one still works")
        void zeroBaseline() {
            Map<String, Double> zero = new HashMap<>(Map.of("errors", 0.0));
            ValidationGate relative = ValidationGate.builder()
                    .changeThreshold("errors", ChangeThreshold.lowerIsBetter().relative(0.1)).build();
            assertThat(relative.evaluate(Map.of("errors", 0.0), champion(zero)).reasons())
                    .singleElement().asString().contains("undefined");
            ValidationGate absolute = ValidationGate.builder()
                    .changeThreshold("errors", ChangeThreshold.lowerIsBetter().absolute(0.0)).build();
            assertThat(absolute.evaluate(Map.of("errors", 0.0), champion(zero)).passed()).isTrue();
        }

        @Test
        @DisplayName("a threshold with neither part set always passes when both values exist")
        void unsetParts() {
            ValidationGate gate = ValidationGate.builder()
                    .changeThreshold("auc", ChangeThreshold.higherIsBetter()).build();
            assertThat(gate.evaluate(Map.of("auc", 0.1), champion(Map.of("auc", 0.9))).passed()).isTrue();
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("invalid bounds, names and nulls are rejected naming what was wrong")
        void rejections() {
            assertThatThrownBy(() -> ValueThreshold.between(1, 0)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("lower bound 1.0 is above upper bound 0.0");
            assertThatThrownBy(() -> ValueThreshold.atLeast(Double.NaN)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> ChangeThreshold.higherIsBetter().absolute(Double.NaN))
                    .hasMessageContaining("absolute");
            assertThatThrownBy(() -> ValidationGate.builder().valueThreshold("../auc", ValueThreshold.atLeast(0)))
                    .isInstanceOf(InvalidArgumentException.class);
            ValidationGate gate = ValidationGate.builder().build();
            assertThatThrownBy(() -> gate.evaluate(null, Optional.empty())).hasMessageContaining("candidate");
            assertThatThrownBy(() -> gate.evaluate(Map.of(), null)).hasMessageContaining("champion");
            assertThat(gate.evaluate(Map.of(), Optional.empty()).passed()).isTrue();
        }
    }
}
