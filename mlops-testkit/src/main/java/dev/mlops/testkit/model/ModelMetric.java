package dev.mlops.testkit.model;

import dev.mlops.monitoring.performance.PerformanceMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model-quality metric computed over a dataset: the dataset's rows (which carry the labels) and
 * the model's output rows, in the same order. Built-ins delegate to {@link PerformanceMetrics}, which
 * is checked against scikit-learn's definitions.
 *
 * <p>An immutable value, safe to share between threads if {@code compute} is.
 *
 * @param name the metric's name, for messages
 * @param higherIsBetter whether a larger value is a better model (accuracy: yes; error: no)
 * @param compute the computation
 */
public record ModelMetric(String name, boolean higherIsBetter, Computation compute) {

    /** Computes a metric from the dataset rows (with labels) and the model's outputs. */
    @FunctionalInterface
    public interface Computation {
        /**
         * The metric's value.
         *
         * @param rows the dataset rows, labels included
         * @param outputs the model's output for each row, in order
         */
        double compute(List<Map<String, Object>> rows, List<Map<String, Object>> outputs);
    }

    /** Validates the fields. */
    public ModelMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compute, "compute");
    }

    /** Share of rows whose output {@code output} equals the label {@code label} (compared as text). */
    public static ModelMetric accuracy(String label, String output) {
        return metric("accuracy", true, label, output, ModelMetric::text, ModelMetric::text, PerformanceMetrics::accuracy);
    }

    /** ROC AUC of the score {@code output} against the boolean (or 0/1) label {@code label}. */
    public static ModelMetric rocAuc(String label, String output) {
        return metric("roc_auc", true, label, output, ModelMetric::numbers, ModelMetric::booleans, PerformanceMetrics::rocAuc);
    }

    /**
     * Mean absolute error of the numeric {@code output} against the numeric label {@code label}; a
     * boolean label counts as 1 or 0 (so a probability's MAE against a binary outcome).
     */
    public static ModelMetric meanAbsoluteError(String label, String output) {
        return metric("mae", false, label, output, ModelMetric::numbers, ModelMetric::numbers,
                PerformanceMetrics::meanAbsoluteError);
    }

    /** Root mean squared error of the numeric {@code output} against the numeric (or boolean, as 1/0) label. */
    public static ModelMetric rootMeanSquaredError(String label, String output) {
        return metric("rmse", false, label, output, ModelMetric::numbers, ModelMetric::numbers,
                PerformanceMetrics::rootMeanSquaredError);
    }

    /** Reads one column of every row as an array. */
    @FunctionalInterface
    private interface Column<T> {
        T read(List<Map<String, Object>> rows, String column);
    }

    /** A metric of predicted and actual arrays. */
    @FunctionalInterface
    private interface Score<P, A> {
        double score(P predicted, A actual);
    }

    private static <P, A> ModelMetric metric(String name, boolean higherIsBetter, String label, String output,
                                             Column<P> predicted, Column<A> actual, Score<P, A> score) {
        return new ModelMetric(name + "(" + label + ", " + output + ")", higherIsBetter, (rows, outputs) ->
                score.score(predicted.read(outputs, output), actual.read(rows, label)));
    }

    private static String[] text(List<Map<String, Object>> rows, String column) {
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = String.valueOf(value(rows, i, column));
        }
        return out;
    }

    private static double[] numbers(List<Map<String, Object>> rows, String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = value(rows, i, column);
            if (v instanceof Number n) {
                out[i] = n.doubleValue();
            } else if (v instanceof Boolean b) {
                out[i] = b ? 1 : 0;
            } else {
                throw new IllegalArgumentException("row " + i + ": '" + column + "' is not a number: " + v);
            }
        }
        return out;
    }

    private static boolean[] booleans(List<Map<String, Object>> rows, String column) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = value(rows, i, column);
            if (v instanceof Boolean b) {
                out[i] = b;
            } else if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                out[i] = n.doubleValue() == 1;
            } else {
                throw new IllegalArgumentException("row " + i + ": '" + column + "' is not a boolean or 0/1: " + v);
            }
        }
        return out;
    }

    private static Object value(List<Map<String, Object>> rows, int i, String column) {
        Map<String, Object> row = rows.get(i);
        if (row == null || !row.containsKey(column)) {
            throw new IllegalArgumentException("row " + i + " has no '" + column + "'");
        }
        return row.get(column);
    }
}
