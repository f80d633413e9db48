package dev.mlops.testkit.model;

import static dev.mlops.testkit.model.ModelAssertions.assertThatModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.registry.model.ModelSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelAssertionsTest {

    static final ModelSignature SIGNATURE = new ModelSignature(
            Schema.of(Field.required("amount", ValueType.FLOAT64), Field.of("name", ValueType.STRING)),
            Schema.of(Field.required("score", ValueType.FLOAT64), Field.required("fraud", ValueType.BOOL)));

    /** Ten rows: amount 0..9, fraud when amount >= 5; names alternate. */
    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> row = new LinkedHashMap<>(); // a fixed order, so messages are predictable
            row.put("amount", (double) i);
            row.put("name", i % 2 == 0 ? "Ann" : "Bob");
            row.put("is_fraud", i >= 5);
            rows.add(row);
        }
        return rows;
    }

    /** A monotone score in (0, 1) with the decision at {@code threshold}. */
    static Predictor model(double threshold) {
        return in -> {
            assertThat(in).doesNotContainKey("is_fraud");
            double amount = (Double) in.get("amount");
            double score = 1 / (1 + Math.exp(-(amount - threshold)));
            return Map.of("score", score, "fraud", amount >= threshold);
        };
    }

    static final Predictor GOOD = model(5);

    static Predictor with(Predictor base, Function<Map<String, Object>, Map<String, Object>> change) {
        return in -> {
            Map<String, Object> out = new HashMap<>(base.predict(in));
            out.putAll(change.apply(in));
            return out;
        };
    }

    @Test
    @DisplayName("a good model passes every assertion in one chain, each row predicted once")
    void goodModelPasses() {
        AtomicInteger calls = new AtomicInteger();
        Predictor counted = in -> {
            calls.incrementAndGet();
            return GOOD.predict(in);
        };
        assertThatModel(counted).on(rows(), "is_fraud")
                .hasMetricAtLeast(ModelMetric.accuracy("is_fraud", "fraud"), 1.0)
                .hasMetricAtLeast(ModelMetric.rocAuc("is_fraud", "score"), 1.0)
                .producesOutputsMatching(SIGNATURE)
                .hasProbabilityOutput("score")
                .isInvariantTo("name", v -> "Zed", "score", 0)
                .increasesOutput("amount", v -> (Double) v + 1, "score", 0)
                .decreasesOutput("amount", v -> (Double) v - 1, "score", 0)
                .doesNotRegressFrom(GOOD, ModelMetric.accuracy("is_fraud", "fraud"), 0);
        // 10 rows once, plus 10 perturbed rows for each of the three behaviour checks.
        assertThat(calls).hasValue(40);
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {

        @Test
        @DisplayName("a metric below its bound fails, naming the metric, the value, the bound and the rows")
        void belowBound() {
            // Threshold 8: rows 5, 6, 7 are missed; accuracy 7/10.
            assertThatThrownBy(() -> assertThatModel(model(8)).on(rows(), "is_fraud")
                    .hasMetricAtLeast(ModelMetric.accuracy("is_fraud", "fraud"), 0.75))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("accuracy(is_fraud, fraud) on 10 rows is 0.7, below the bound 0.75");
            assertThatModel(model(8)).on(rows(), "is_fraud").hasMetricAtLeast(ModelMetric.accuracy("is_fraud", "fraud"), 0.7);
        }

        @Test
        @DisplayName("an error above its bound fails; lower-is-better metrics use hasMetricAtMost")
        void errorAboveBound() {
            Predictor constant = in -> Map.of("score", 0.5, "fraud", false);
            // |0 - 0.5| five times and |1 - 0.5| five times: MAE 0.5.
            assertThatModel(constant).on(rows(), "is_fraud").hasMetricAtMost(ModelMetric.meanAbsoluteError("is_fraud", "score"), 0.5);
            assertThatThrownBy(() -> assertThatModel(constant).on(rows(), "is_fraud")
                    .hasMetricAtMost(ModelMetric.meanAbsoluteError("is_fraud", "score"), 0.49))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("mae(is_fraud, score) on 10 rows is 0.5, above the bound 0.49");
        }

        @Test
        @DisplayName("a metric that cannot be computed fails with the reason")
        void uncomputable() {
            Predictor noScore = in -> Map.of("fraud", true);
            assertThatThrownBy(() -> assertThatModel(noScore).on(rows(), "is_fraud")
                    .hasMetricAtLeast(ModelMetric.rocAuc("is_fraud", "score"), 0.5))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("could not compute roc_auc(is_fraud, score)")
                    .hasMessageContaining("row 0 has no 'score'");
        }

        @Test
        @DisplayName("a candidate worse than the champion by more than the tolerance fails, naming both values")
        void regression() {
            ModelMetric accuracy = ModelMetric.accuracy("is_fraud", "fraud");
            assertThatModel(model(7)).on(rows(), "is_fraud").doesNotRegressFrom(GOOD, accuracy, 0.2);
            assertThatThrownBy(() -> assertThatModel(model(7)).on(rows(), "is_fraud").doesNotRegressFrom(GOOD, accuracy, 0.1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("accuracy(is_fraud, fraud) regressed on 10 rows: candidate 0.8, champion 1.0, "
                            + "lowest allowed 0.9 (tolerance 0.1)");
            // Lower is better: the champion's MAE is the bound.
            ModelMetric mae = ModelMetric.meanAbsoluteError("is_fraud", "score");
            Predictor half = in -> Map.of("score", 0.5, "fraud", false);
            assertThatModel(GOOD).on(rows(), "is_fraud").doesNotRegressFrom(half, mae, 0);
            assertThatThrownBy(() -> assertThatModel(half).on(rows(), "is_fraud").doesNotRegressFrom(GOOD, mae, 0.01))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("mae(is_fraud, score) regressed on 10 rows: candidate 0.5")
                    .hasMessageContaining("highest allowed");
        }
    }

    @Nested
    @DisplayName("outputs")
    class Outputs {

        @Test
        @DisplayName("an output row with an unknown output fails, naming the row, its input and the output")
        void unknownOutput() {
            Predictor debug = with(GOOD, in -> (Double) in.get("amount") == 3.0 ? Map.of("debug", 1) : Map.of());
            assertThatThrownBy(() -> assertThatModel(debug).on(rows(), "is_fraud").producesOutputsMatching(SIGNATURE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("1 of 10 rows failed (outputs outside the signature):")
                    .hasMessageContaining("row 3 {amount=3.0, name=Bob}")
                    .hasMessageContaining("debug")
                    .hasMessageContaining("unknown field");
        }

        @Test
        @DisplayName("a wrongly typed or missing required output fails")
        void wrongType() {
            Predictor text = with(GOOD, in -> Map.of("score", "high"));
            assertThatThrownBy(() -> assertThatModel(text).on(rows(), "is_fraud").producesOutputsMatching(SIGNATURE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("10 of 10 rows failed")
                    .hasMessageContaining("score")
                    .hasMessageContaining("... and 5 more");
            Predictor missing = in -> Map.of("score", 0.5);
            assertThatThrownBy(() -> assertThatModel(missing).on(rows(), "is_fraud").producesOutputsMatching(SIGNATURE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("fraud");
        }

        @Test
        @DisplayName("an output outside its range fails, naming the row, the value and the range")
        void outOfRange() {
            Predictor over = with(GOOD, in -> (Double) in.get("amount") >= 8 ? Map.of("score", 1.2) : Map.of());
            assertThatThrownBy(() -> assertThatModel(over).on(rows(), "is_fraud").hasProbabilityOutput("score"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("2 of 10 rows failed (outputs out of range):\n"
                            + "  row 8 {amount=8.0, name=Ann}: output 'score' is 1.2, outside [0.0, 1.0]\n"
                            + "  row 9 {amount=9.0, name=Bob}: output 'score' is 1.2, outside [0.0, 1.0]");
            Predictor nan = with(GOOD, in -> Map.of("score", Double.NaN));
            assertThatThrownBy(() -> assertThatModel(nan).on(rows(), "is_fraud").hasOutputWithin("score", -5, 5))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("is NaN, outside [-5.0, 5.0]");
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud").hasOutputWithin("fraud", 0, 1))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("output 'fraud' is not a number: false");
        }
    }

    @Nested
    @DisplayName("behaviour")
    class Behaviour {

        @Test
        @DisplayName("a model that reads an input it must ignore fails invariance, naming row, input, values and tolerance")
        void invariance() {
            Predictor biased = with(GOOD, in -> "Ann".equals(in.get("name"))
                    ? Map.of("score", 0.9) : Map.of("score", 0.1));
            assertThatThrownBy(() -> assertThatModel(biased).on(rows(), "is_fraud").isInvariantTo("name", v -> "Zed", "score", 0.05))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("5 of 10 rows failed (invariance on input 'name'):\n"
                            + "  row 0 {amount=0.0, name=Ann}: with input 'name' Ann -> Zed, output 'score' 0.9 -> 0.1 "
                            + "changed by -0.8")
                    .hasMessageContaining("more than the tolerance 0.05");
            // A tolerance wider than the effect passes.
            assertThatModel(biased).on(rows(), "is_fraud").isInvariantTo("name", v -> "Zed", "score", 0.81);
            // Non-numeric outputs must stay equal.
            Predictor flips = with(GOOD, in -> Map.of("fraud", "Zed".equals(in.get("name"))));
            assertThatThrownBy(() -> assertThatModel(flips).on(rows(), "is_fraud").isInvariantTo("name", v -> "Zed", "fraud", 0))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("output 'fraud'").hasMessageContaining("changed");
        }

        @Test
        @DisplayName("a model that goes the wrong way fails the directional expectation")
        void direction() {
            // Score falls once amount passes 6.
            Predictor bent = with(GOOD, in -> {
                double a = (Double) in.get("amount");
                return Map.of("score", a <= 6 ? a / 10 : 1.2 - a / 10);
            });
            assertThatThrownBy(() -> assertThatModel(bent).on(rows(), "is_fraud")
                    .increasesOutput("amount", v -> (Double) v + 1, "score", 0.0))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("4 of 10 rows failed (expected the output to go up (or stay) on input 'amount'):")
                    .hasMessageContaining("row 6 {amount=6.0, name=Ann}: with input 'amount' 6.0 -> 7.0, output 'score'")
                    .hasMessageContaining("moved down by")
                    .hasMessageContaining("tolerance 0.0");
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud")
                    .decreasesOutput("amount", v -> (Double) v + 1, "score", 0.0))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("10 of 10 rows failed (expected the output to go down (or stay)")
                    .hasMessageContaining("moved up by");
        }

        @Test
        @DisplayName("a perturbed input the rows lack is a usage error")
        void unknownInput() {
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud").isInvariantTo("colour", v -> v, "score", 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has no input 'colour'");
        }
    }

    @Nested
    @DisplayName("usage")
    class Usage {

        @Test
        @DisplayName("a model that throws fails the assertion naming the row, with the exception as cause")
        void throwingModel() {
            Predictor broken = in -> {
                if ((Double) in.get("amount") == 4.0) {
                    throw new IllegalStateException("bad weights");
                }
                return GOOD.predict(in);
            };
            assertThatThrownBy(() -> assertThatModel(broken).on(rows(), "is_fraud").hasProbabilityOutput("score"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the model threw on row 4 {amount=4.0, name=Ann}")
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud")
                    .doesNotRegressFrom(broken, ModelMetric.accuracy("is_fraud", "fraud"), 0))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("[champion] the model threw on row 4");
            Predictor nothing = in -> null;
            assertThatThrownBy(() -> assertThatModel(nothing).on(rows()).hasProbabilityOutput("score"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("returned null on row 0");
        }

        @Test
        @DisplayName("the description given with as() leads the message")
        void description() {
            assertThatThrownBy(() -> assertThatModel(model(8)).as("candidate v3").on(rows(), "is_fraud")
                    .hasMetricAtLeast(ModelMetric.accuracy("is_fraud", "fraud"), 0.9))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("[candidate v3] accuracy(is_fraud, fraud)");
        }

        @Test
        @DisplayName("no dataset, an empty one, a missing label column or a null model are rejected")
        void misuse() {
            assertThatThrownBy(() -> assertThatModel(GOOD).hasProbabilityOutput("score"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no dataset");
            assertThatThrownBy(() -> assertThatModel(GOOD).on(List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "label"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 lacks a label column");
            assertThatThrownBy(() -> assertThatModel((Predictor) null).on(rows()))
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud").hasOutputWithin("score", 1, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> assertThatModel(GOOD).on(rows(), "is_fraud")
                    .isInvariantTo("name", v -> v, "score", -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        }

        @Test
        @DisplayName("a model given as a Function works through Predictor.of")
        void function() {
            Function<Map<String, Object>, Map<String, Object>> f = GOOD::predict;
            assertThatModel(Predictor.of(f)).on(rows(), "is_fraud").hasProbabilityOutput("score");
        }
    }
}
