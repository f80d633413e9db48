package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Prometheus' alerting-rule semantics ({@code rules/alerting.go}), evaluation by evaluation. */
class RuleStateMachineTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final MutableSignal signal = new MutableSignal();

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private RuleEvaluator rule(Duration forDuration, Duration keepFiringFor) {
        return new RuleEvaluator(AlertRule.builder("HighDrift")
                .when(signal, Condition.above(0.2))
                .forDuration(forDuration)
                .keepFiringFor(keepFiringFor)
                .build());
    }

    private static Alert only(RuleEvaluator r) {
        List<Alert> alerts = r.alerts();
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Nested
    @DisplayName("for")
    class For {

        @Test
        @DisplayName("with for = 0 an alert fires at the evaluation that first sees the condition")
        void zeroFiresAtOnce() {
            RuleEvaluator r = rule(Duration.ZERO, Duration.ZERO);
            signal.set(0.5);
            List<Alert> toSend = r.evaluate(T0);
            Alert a = only(r);
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.activeAt()).isEqualTo(T0);
            assertThat(a.firedAt()).contains(T0);
            assertThat(toSend).extracting(Alert::state).containsExactly(AlertState.FIRING);
            assertThat(r.state()).isEqualTo(AlertState.FIRING);
        }

        @Test
        @DisplayName("an alert is pending until ts - activeAt >= for, then fires with firedAt = ts")
        void pendingThenFiring() {
            RuleEvaluator r = rule(Duration.ofMinutes(5), Duration.ZERO);
            signal.set(0.5);
            for (int m = 0; m < 5; m++) {
                assertThat(r.evaluate(at(m))).as("pending alerts are never sent").isEmpty();
                assertThat(only(r).state()).isEqualTo(AlertState.PENDING);
                assertThat(r.state()).isEqualTo(AlertState.PENDING);
            }
            r.evaluate(at(5));
            Alert a = only(r);
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.activeAt()).isEqualTo(T0);
            assertThat(a.firedAt()).contains(at(5));
        }

        @Test
        @DisplayName("the hold is measured between evaluation timestamps, not wall time")
        void measuredBetweenEvaluations() {
            RuleEvaluator r = rule(Duration.ofMinutes(5), Duration.ZERO);
            signal.set(0.5);
            r.evaluate(T0);
            r.evaluate(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
            assertThat(only(r).state()).isEqualTo(AlertState.PENDING);
            r.evaluate(T0.plus(Duration.ofMinutes(7)));
            assertThat(only(r).state()).isEqualTo(AlertState.FIRING);
            assertThat(only(r).firedAt()).contains(at(7));
        }

        @Test
        @DisplayName("a pending alert whose condition stops holding is dropped, and the hold restarts")
        void flappingWhilePending() {
            RuleEvaluator r = rule(Duration.ofMinutes(3), Duration.ZERO);
            signal.set(0.5);
            r.evaluate(at(0));
            r.evaluate(at(1));
            signal.set(0.1);
            assertThat(r.evaluate(at(2))).as("a dropped pending alert is not resolved").isEmpty();
            assertThat(r.alerts()).isEmpty();
            assertThat(r.state()).isEqualTo(AlertState.INACTIVE);
            signal.set(0.5);
            r.evaluate(at(3));
            assertThat(only(r).activeAt()).isEqualTo(at(3));
            r.evaluate(at(5));
            assertThat(only(r).state()).isEqualTo(AlertState.PENDING);
            r.evaluate(at(6));
            assertThat(only(r).state()).isEqualTo(AlertState.FIRING);
            assertThat(only(r).firedAt()).contains(at(6));
        }
    }

    @Nested
    @DisplayName("resolution")
    class Resolution {

        @Test
        @DisplayName("a firing alert resolves at the first evaluation without its condition, and is sent once")
        void resolves() {
            RuleEvaluator r = rule(Duration.ZERO, Duration.ZERO);
            signal.set(0.5);
            r.evaluate(at(0));
            signal.set(0.3);
            r.evaluate(at(1));
            signal.clear();
            List<Alert> toSend = r.evaluate(at(2));
            assertThat(toSend).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
                assertThat(a.resolvedAt()).contains(at(2));
                assertThat(a.firedAt()).contains(at(0));
                assertThat(a.value()).as("last value seen").isEqualTo(0.3);
            });
            assertThat(r.state()).isEqualTo(AlertState.INACTIVE);
            assertThat(r.evaluate(at(3))).as("a resolved alert is handed over once").isEmpty();
        }

        @Test
        @DisplayName("a resolved alert is kept 15 minutes and dropped at the first evaluation after that")
        void retention() {
            RuleEvaluator r = rule(Duration.ZERO, Duration.ZERO);
            signal.set(0.5);
            r.evaluate(at(0));
            signal.clear();
            r.evaluate(at(1));
            r.evaluate(at(16));
            assertThat(only(r).state()).as("exactly 15 minutes after: still kept").isEqualTo(AlertState.RESOLVED);
            r.evaluate(at(16).plusSeconds(1));
            assertThat(r.alerts()).isEmpty();
        }

        @Test
        @DisplayName("a condition that returns after resolution starts a new alert with a new activeAt")
        void refires() {
            RuleEvaluator r = rule(Duration.ofMinutes(2), Duration.ZERO);
            signal.set(0.5);
            r.evaluate(at(0));
            r.evaluate(at(2));
            signal.clear();
            r.evaluate(at(3));
            signal.set(0.7);
            r.evaluate(at(4));
            Alert a = only(r);
            assertThat(a.state()).isEqualTo(AlertState.PENDING);
            assertThat(a.activeAt()).isEqualTo(at(4));
            assertThat(a.firedAt()).isEmpty();
            assertThat(a.resolvedAt()).isEmpty();
        }

        @Test
        @DisplayName("NaN samples never satisfy the condition")
        void nan() {
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("Any").when(signal, Condition.always()).build());
            signal.set(Double.NaN);
            r.evaluate(T0);
            assertThat(r.alerts()).isEmpty();
        }
    }

    @Nested
    @DisplayName("keep_firing_for")
    class KeepFiringFor {

        @Test
        @DisplayName("keeps a firing alert firing while ts - keepFiringSince < keep_firing_for, then resolves it")
        void keepsFiring() {
            RuleEvaluator r = rule(Duration.ZERO, Duration.ofMinutes(10));
            signal.set(0.5);
            r.evaluate(at(0));
            signal.clear();
            List<Alert> toSend = r.evaluate(at(1));
            assertThat(toSend).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(AlertState.FIRING);
                assertThat(a.keepFiringSince()).contains(at(1));
            });
            r.evaluate(at(10));
            assertThat(only(r).state()).isEqualTo(AlertState.FIRING);
            r.evaluate(at(11));
            Alert a = only(r);
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.resolvedAt()).as("resolved when keep_firing_for ran out, not when the condition stopped")
                    .contains(at(11));
        }

        @Test
        @DisplayName("a condition that holds again clears keepFiringSince; the next gap restarts the count")
        void flappingWhileKeptFiring() {
            RuleEvaluator r = rule(Duration.ZERO, Duration.ofMinutes(10));
            signal.set(0.5);
            r.evaluate(at(0));
            signal.clear();
            r.evaluate(at(1));
            signal.set(0.6);
            r.evaluate(at(4));
            Alert back = only(r);
            assertThat(back.keepFiringSince()).isEmpty();
            assertThat(back.firedAt()).as("still the same firing alert").contains(at(0));
            assertThat(back.value()).isEqualTo(0.6);
            signal.clear();
            r.evaluate(at(6));
            r.evaluate(at(11));
            assertThat(only(r).state()).as("10 minutes from at(1) have passed, but the count restarted at 6")
                    .isEqualTo(AlertState.FIRING);
            r.evaluate(at(16));
            assertThat(only(r).state()).isEqualTo(AlertState.RESOLVED);
            assertThat(only(r).resolvedAt()).contains(at(16));
        }

        @Test
        @DisplayName("does not apply to pending alerts")
        void notForPending() {
            RuleEvaluator r = rule(Duration.ofMinutes(5), Duration.ofMinutes(10));
            signal.set(0.5);
            r.evaluate(at(0));
            signal.clear();
            r.evaluate(at(1));
            assertThat(r.alerts()).isEmpty();
        }
    }

    @Nested
    @DisplayName("labels, annotations and series")
    class LabelsAndAnnotations {

        @Test
        @DisplayName("each series is its own alert with the series' labels, the rule's labels and alertname")
        void perSeries() {
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("HighDrift")
                    .when(signal, Condition.above(0.2))
                    .severity(Severity.WARNING)
                    .label("team", "ml")
                    .label("model", "override")
                    .annotation("summary", "Drift {{ $value }} on {{ $labels.feature }} ({{ .Labels.missing }})")
                    .build());
            signal.set(Labels.of("feature", "age", "model", "fraud"), 0.31);
            signal.set(Labels.of("feature", "income", "model", "fraud"), 0.05);
            r.evaluate(T0);
            Alert a = only(r);
            assertThat(a.labels()).isEqualTo(Labels.of("alertname", "HighDrift", "feature", "age", "model", "override",
                    "severity", "warning", "team", "ml"));
            assertThat(a.annotations()).containsEntry("summary", "Drift 0.31 on age ()");
            signal.set(Labels.of("feature", "age", "model", "fraud"), 0.45);
            r.evaluate(at(1));
            assertThat(only(r).annotations()).containsEntry("summary", "Drift 0.45 on age ()");
            assertThat(only(r).value()).isEqualTo(0.45);
        }

        @Test
        @DisplayName("rule label values are templates too")
        void labelTemplates() {
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("X").when(signal, Condition.always())
                    .label("component", "model-{{ $labels.model }}").build());
            signal.set(Labels.of("model", "fraud"), 1);
            r.evaluate(T0);
            assertThat(only(r).labels().value("component")).isEqualTo("model-fraud");
        }

        @Test
        @DisplayName("expanded values are not expanded again")
        void noReexpansion() {
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("X").when(signal, Condition.always())
                    .annotation("summary", "{{ $labels.evil }}").build());
            signal.set(Labels.of("evil", "{{ $value }}"), 1);
            r.evaluate(T0);
            assertThat(only(r).annotations()).containsEntry("summary", "{{ $value }}");
        }

        @Test
        @DisplayName("two samples giving the same alert labels fail the evaluation and change nothing")
        void duplicateLabelSets() {
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("X").when(signal, Condition.always())
                    .label("feature", "all").build());
            signal.set(Labels.of("feature", "age"), 1);
            r.evaluate(T0);
            signal.set(Labels.of("feature", "income"), 1);
            assertThatThrownBy(() -> r.evaluate(at(1))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("same alert labels");
            assertThat(only(r).activeAt()).isEqualTo(T0);
            assertThat(r.lastEvaluation()).contains(T0);
        }

        @Test
        @DisplayName("templates accept only $value and $labels.<name>")
        void templateValidation() {
            AlertRule.Builder b = AlertRule.builder("X").when(signal, Condition.always());
            assertThatThrownBy(() -> b.annotation("summary", "{{ printf \"%s\" .Value }}"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("annotation summary");
            assertThatThrownBy(() -> b.annotation("summary", "value {{ $value"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unclosed");
            assertThatThrownBy(() -> b.label("alertname", "Y")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> AlertRule.builder("X").build()).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("signal");
            assertThatThrownBy(() -> AlertRule.builder("bad name")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.forDuration(Duration.ofSeconds(-1))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("forDuration");
            assertThatThrownBy(() -> b.severity(Severity.INFO).severity(Severity.ERROR))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Nested
    @DisplayName("Series as a signal")
    class SeriesSignal {

        @Test
        @DisplayName("reads the latest value per label set within the staleness bound, never from the future")
        void staleness() {
            Series s = Series.create("drift_score", Duration.ofMinutes(5));
            Labels age = Labels.of("feature", "age");
            s.record(age, 0.3, T0);
            s.record(age, 0.1, T0.minusSeconds(30));
            assertThat(s.latest(age)).as("an older write does not replace a newer one").contains(0.3);
            s.record(Labels.of("feature", "zip"), 0.4, at(10));
            assertThat(s.read(at(1))).containsExactly(new Signal.Sample(age, 0.3));
            assertThat(s.read(at(5))).as("exactly 5 minutes old is stale, as Prometheus' (ts-5m, ts] window").isEmpty();
            assertThatThrownBy(() -> s.record(age, Double.NaN, T0)).isInstanceOf(InvalidArgumentException.class);
            s.remove(age);
            assertThat(s.latest(age)).isEmpty();
        }

        @Test
        @DisplayName("a series that stops reporting resolves its alert")
        void staleSeriesResolves() {
            Series s = Series.create("drift_score");
            RuleEvaluator r = new RuleEvaluator(AlertRule.builder("Drift").when(s, Condition.above(0.2)).build());
            s.record(0.5, T0);
            r.evaluate(T0);
            r.evaluate(at(4));
            assertThat(only(r).state()).isEqualTo(AlertState.FIRING);
            r.evaluate(at(5));
            assertThat(only(r).state()).isEqualTo(AlertState.RESOLVED);
        }
    }
}
