package dev.mlops.testkit.model;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.model.ModelSignature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.internal.Failures;

/**
 * AssertJ assertions on a trained model over a dataset: the checks a pipeline runs after training
 * and before promotion. Start with {@link ModelAssertions#assertThatModel}, then give the dataset
 * with {@link #on}; every other assertion needs it.
 *
 * <pre>{@code
 * assertThatModel(candidate)
 *     .on(validationRows, "is_fraud")                       // "is_fraud" is a label: not passed to the model
 *     .hasMetricAtLeast(ModelMetric.rocAuc("is_fraud", "score"), 0.85)
 *     .producesOutputsMatching(signature)
 *     .hasOutputWithin("score", 0, 1)
 *     .isInvariantTo("customer_name", v -> "someone else", "score", 1e-9)
 *     .increasesOutput("amount", v -> ((Double) v) * 10, "score", 0)
 *     .doesNotRegressFrom(champion, ModelMetric.rocAuc("is_fraud", "score"), 0.01);
 * }</pre>
 *
 * <p>Each row is predicted once per chain and reused. A failure names the row (its position in the
 * dataset and its input), the input or output involved, the values and the bound, and how many rows
 * failed in all. A model that throws fails the assertion with the row named and the exception as
 * cause. Not thread-safe: one chain per test thread.
 */
public final class ModelAssert extends AbstractAssert<ModelAssert, Predictor> {

    private static final int MAX_REPORTED = 5;

    private List<Map<String, Object>> rows;
    private String[] labels;
    private List<Map<String, Object>> inputs;
    private List<Map<String, Object>> outputs;

    ModelAssert(Predictor actual) {
        super(actual, ModelAssert.class);
    }

    /**
     * The dataset the following assertions run on. Columns named in {@code labelColumns} stay in the
     * rows the metrics see but are removed from what the model sees.
     *
     * @throws IllegalArgumentException for an empty dataset, a null row, or a label column that a
     *     row lacks
     */
    public ModelAssert on(List<? extends Map<String, ?>> dataset, String... labelColumns) {
        isNotNull();
        if (dataset == null || dataset.isEmpty()) {
            throw new IllegalArgumentException("the dataset is " + (dataset == null ? "null" : "empty"));
        }
        Set<String> labels = new LinkedHashSet<>(List.of(labelColumns));
        List<Map<String, Object>> all = new ArrayList<>(dataset.size());
        List<Map<String, Object>> in = new ArrayList<>(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            Map<String, ?> row = dataset.get(i);
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " of the dataset is null");
            }
            if (!row.keySet().containsAll(labels)) {
                throw new IllegalArgumentException("row " + i + " lacks a label column of " + labels + ": " + row);
            }
            Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(row));
            all.add(copy);
            Map<String, Object> features = new LinkedHashMap<>(row);
            features.keySet().removeAll(labels);
            in.add(Collections.unmodifiableMap(features));
        }
        rows = List.copyOf(all);
        this.labels = labels.toArray(String[]::new);
        inputs = List.copyOf(in);
        outputs = null;
        return myself;
    }

    // ------------------------------------------------------------------ metrics

    /** The metric on the dataset is at least {@code bound} (NaN fails). */
    public ModelAssert hasMetricAtLeast(ModelMetric metric, double bound) {
        double value = metric(metric);
        if (!(value >= bound)) {
            fail(metric.name() + " on " + rows.size() + " rows is " + value + ", below the bound " + bound);
        }
        return myself;
    }

    /** The metric on the dataset is at most {@code bound} (NaN fails); for errors and losses. */
    public ModelAssert hasMetricAtMost(ModelMetric metric, double bound) {
        double value = metric(metric);
        if (!(value <= bound)) {
            fail(metric.name() + " on " + rows.size() + " rows is " + value + ", above the bound " + bound);
        }
        return myself;
    }

    /**
     * No regression against the champion on the same dataset: candidate ≥ champion − tolerance when
     * higher is better, candidate ≤ champion + tolerance otherwise.
     *
     * @param tolerance how much worse the candidate may be, ≥ 0
     */
    public ModelAssert doesNotRegressFrom(Predictor champion, ModelMetric metric, double tolerance) {
        Objects.requireNonNull(champion, "champion");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        double candidate = metric(metric);
        double baseline = new ModelAssert(champion).as("champion").on(rows, labels).metric(metric);
        boolean ok = metric.higherIsBetter() ? candidate >= baseline - tolerance : candidate <= baseline + tolerance;
        if (!ok) {
            fail(metric.name() + " regressed on " + rows.size() + " rows: candidate " + candidate + ", champion "
                    + baseline + ", " + (metric.higherIsBetter() ? "lowest allowed " + (baseline - tolerance)
                    : "highest allowed " + (baseline + tolerance)) + " (tolerance " + tolerance + ")");
        }
        return myself;
    }

    // ------------------------------------------------------------------ outputs

    /**
     * Every output row conforms to {@code signature.outputs()}: no unknown output, every required
     * output present and non-null, each value of its declared type (and finite unless allowed).
     */
    public ModelAssert producesOutputsMatching(ModelSignature signature) {
        Objects.requireNonNull(signature, "signature");
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> out = outputs();
        for (int i = 0; i < out.size(); i++) {
            try {
                signature.outputs().validateRow(out.get(i), i);
            } catch (InvalidArgumentException e) {
                failures.add("row " + i + " " + inputs.get(i) + ": output " + out.get(i) + " does not match the "
                        + "signature's outputs " + signature.outputs().names() + ": " + e.getMessage());
            }
        }
        report(failures, "outputs outside the signature");
        return myself;
    }

    /** The numeric output {@code output} of every row is in [{@code min}, {@code max}] (NaN fails). */
    public ModelAssert hasOutputWithin(String output, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> out = outputs();
        for (int i = 0; i < out.size(); i++) {
            Object v = out.get(i).get(output);
            if (!(v instanceof Number n)) {
                failures.add("row " + i + " " + inputs.get(i) + ": output '" + output + "' is not a number: " + v);
            } else if (!(n.doubleValue() >= min && n.doubleValue() <= max)) {
                failures.add("row " + i + " " + inputs.get(i) + ": output '" + output + "' is " + v
                        + ", outside [" + min + ", " + max + "]");
            }
        }
        report(failures, "outputs out of range");
        return myself;
    }

    /** {@link #hasOutputWithin hasOutputWithin(output, 0, 1)}. */
    public ModelAssert hasProbabilityOutput(String output) {
        return hasOutputWithin(output, 0, 1);
    }

    // ------------------------------------------------------------------ behaviour

    /**
     * Invariance: replacing input {@code input} of each row by {@code perturb(value)} leaves output
     * {@code output} within {@code tolerance} (numbers) or equal (anything else).
     */
    public ModelAssert isInvariantTo(String input, UnaryOperator<Object> perturb, String output, double tolerance) {
        checkTolerance(tolerance);
        compareWithPerturbed(input, perturb, output, (before, after) -> {
            if (before instanceof Number b && after instanceof Number a) {
                double change = a.doubleValue() - b.doubleValue();
                return Math.abs(change) <= tolerance ? null : "changed by " + change + ", more than the tolerance "
                        + tolerance;
            }
            return Objects.equals(before, after) ? null : "changed";
        }, "invariance");
        return myself;
    }

    /**
     * Directional expectation: changing input {@code input} by {@code increase} (an increase) does
     * not lower output {@code output} by more than {@code tolerance}.
     */
    public ModelAssert increasesOutput(String input, UnaryOperator<Object> increase, String output, double tolerance) {
        return direction(input, increase, output, tolerance, 1);
    }

    /**
     * Directional expectation: changing input {@code input} by {@code increase} does not raise
     * output {@code output} by more than {@code tolerance}.
     */
    public ModelAssert decreasesOutput(String input, UnaryOperator<Object> increase, String output, double tolerance) {
        return direction(input, increase, output, tolerance, -1);
    }

    private ModelAssert direction(String input, UnaryOperator<Object> change, String output, double tolerance,
                                  int sign) {
        checkTolerance(tolerance);
        compareWithPerturbed(input, change, output, (before, after) -> {
            if (!(before instanceof Number b) || !(after instanceof Number a)) {
                return "is not a number (" + before + " -> " + after + ")";
            }
            double move = (a.doubleValue() - b.doubleValue()) * sign;
            return move >= -tolerance ? null : "moved " + (sign > 0 ? "down" : "up") + " by "
                    + Math.abs(a.doubleValue() - b.doubleValue()) + ", more than the tolerance " + tolerance;
        }, sign > 0 ? "expected the output to go up (or stay)" : "expected the output to go down (or stay)");
        return myself;
    }

    @FunctionalInterface
    private interface Check {
        /** Null when fine, else what went wrong. */
        String problem(Object before, Object after);
    }

    private void compareWithPerturbed(String input, UnaryOperator<Object> perturb, String output, Check check,
                                      String what) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(perturb, "perturb");
        Objects.requireNonNull(output, "output");
        List<Map<String, Object>> out = outputs();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, Object> row = inputs.get(i);
            if (!row.containsKey(input)) {
                throw new IllegalArgumentException("row " + i + " has no input '" + input + "': " + row);
            }
            Object original = row.get(input);
            Object changed = perturb.apply(original);
            Map<String, Object> perturbed = new LinkedHashMap<>(row);
            perturbed.put(input, changed);
            Object before = out.get(i).get(output);
            Object after = predict(actual, Collections.unmodifiableMap(perturbed), i).get(output);
            String problem = check.problem(before, after);
            if (problem != null) {
                failures.add("row " + i + " " + row + ": with input '" + input + "' " + original + " -> " + changed
                        + ", output '" + output + "' " + before + " -> " + after + " " + problem);
            }
        }
        report(failures, what + " on input '" + input + "'");
    }

    // ------------------------------------------------------------------ plumbing

    private List<Map<String, Object>> outputs() {
        isNotNull();
        if (rows == null) {
            throw new IllegalStateException("no dataset: call on(rows, labelColumns...) first");
        }
        if (outputs == null) {
            List<Map<String, Object>> out = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                out.add(predict(actual, inputs.get(i), i));
            }
            outputs = List.copyOf(out);
        }
        return outputs;
    }

    private double metric(ModelMetric metric) {
        Objects.requireNonNull(metric, "metric");
        List<Map<String, Object>> out = outputs();
        try {
            return metric.compute().compute(rows, out);
        } catch (RuntimeException e) {
            throw new AssertionError(prefix() + "could not compute " + metric.name() + " on " + rows.size() + " rows: "
                    + e.getMessage(), e);
        }
    }

    private Map<String, Object> predict(Predictor model, Map<String, Object> input, int row) {
        Map<String, Object> out;
        try {
            out = model.predict(input);
        } catch (RuntimeException e) {
            throw new AssertionError(prefix() + "the model threw on row " + row + " " + input + ": " + e, e);
        }
        if (out == null) {
            throw new AssertionError(prefix() + "the model returned null on row " + row + " " + input);
        }
        return out;
    }

    private void checkTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
    }

    private void report(List<String> failures, String what) {
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder().append(failures.size()).append(" of ").append(rows.size())
                .append(" rows failed (").append(what).append("):");
        failures.stream().limit(MAX_REPORTED).forEach(f -> message.append("\n  ").append(f));
        if (failures.size() > MAX_REPORTED) {
            message.append("\n  ... and ").append(failures.size() - MAX_REPORTED).append(" more");
        }
        fail(message.toString());
    }

    private String prefix() {
        String description = info.descriptionText();
        return description == null || description.isEmpty() ? "" : "[" + description + "] ";
    }

    private void fail(String message) {
        throw Failures.instance().failure(prefix() + message);
    }
}
