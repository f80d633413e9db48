package dev.mlops.monitoring.performance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a {@link PerformanceReport} in one pass over a {@link PredictionLog} scan: each labelled
 * prediction's (output, label) pair is appended to its window's accumulator and its segment's, then
 * every accumulator is turned into metrics with {@link PerformanceMetrics}. Memory is a few primitive
 * values per prediction in the range. Stateless.
 */
final class PerformanceCalculator {

    private PerformanceCalculator() {}

    static PerformanceReport compute(PredictionLog log, PerformanceQuery query) {
        PredictionRange range = query.range();
        long width = query.window().toNanos();
        long first = Math.floorDiv(EpochNanos.clamped(range.from()), width);
        long last = Math.floorDiv(EpochNanos.clamped(range.to()) - 1, width);
        int count = Math.toIntExact(last - first + 1);
        Accumulator[] overall = new Accumulator[count];
        List<Map<String, Accumulator>> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(new HashMap<>());
        }
        ModelTask[] task = new ModelTask[1];
        log.scan(range, lp -> {
            Prediction p = lp.prediction();
            if (task[0] == null) {
                task[0] = p.output().task();
                Arrays.setAll(overall, i -> new Accumulator(task[0]));
            }
            int w = (int) (Math.floorDiv(EpochNanos.of(p.time()), width) - first);
            overall[w].add(lp);
            p.segment().ifPresent(s -> segments.get(w).computeIfAbsent(s, k -> new Accumulator(task[0])).add(lp));
        });
        List<WindowPerformance> windows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant start = EpochNanos.toInstant((first + i) * width);
            Instant end = EpochNanos.toInstant((first + i + 1) * width);
            PerformanceSummary all = overall[i] == null ? new PerformanceSummary(0, 0, 0, Map.of())
                    : overall[i].summary(query.calibrationBins());
            Map<String, PerformanceSummary> bySegment = new HashMap<>();
            segments.get(i).forEach((s, acc) -> bySegment.put(s, acc.summary(query.calibrationBins())));
            windows.add(new WindowPerformance(start, end, all, bySegment));
        }
        return new PerformanceReport(query, Optional.ofNullable(task[0]), windows);
    }

    /** The pairs of one window or segment, in columns, for one task. */
    static final class Accumulator {
        private final ModelTask task;
        private long predictions;
        private long mismatched;
        // labelled rows
        private int n;
        private double[] score = new double[16];       // binary probability, regression prediction
        private double[] truth = new double[16];       // regression outcome
        private boolean[] predicted = new boolean[16]; // binary predicted class
        private boolean[] actual = new boolean[16];    // binary outcome
        private String[] predictedClass = new String[16];
        private String[] trueClass = new String[16];
        private final List<Map<String, Double>> probabilities = new ArrayList<>();
        private boolean everyRowHasProbabilities = true;
        // every binary prediction, labelled or not, for CBPE
        private int all;
        private double[] allScore = new double[16];
        private boolean[] allPredicted = new boolean[16];

        Accumulator(ModelTask task) {
            this.task = task;
        }

        void add(LabelledPrediction lp) {
            predictions++;
            PredictionOutput out = lp.prediction().output();
            if (out.task() != task) {
                return;
            }
            if (out instanceof PredictionOutput.Binary b) {
                if (all == allScore.length) {
                    allScore = Arrays.copyOf(allScore, all * 2);
                    allPredicted = Arrays.copyOf(allPredicted, all * 2);
                }
                allScore[all] = b.probability();
                allPredicted[all] = b.predictedPositive();
                all++;
            }
            if (lp.label().isEmpty()) {
                return;
            }
            Label label = lp.label().get().label();
            if (label.task() != task) {
                mismatched++;
                return;
            }
            grow();
            if (out instanceof PredictionOutput.Binary b) {
                score[n] = b.probability();
                predicted[n] = b.predictedPositive();
                actual[n] = ((Label.Binary) label).positive();
            } else if (out instanceof PredictionOutput.Multiclass m) {
                predictedClass[n] = m.predictedClass();
                trueClass[n] = ((Label.Categorical) label).trueClass();
                probabilities.add(m.probabilities());
                everyRowHasProbabilities &= !m.probabilities().isEmpty();
            } else {
                score[n] = ((PredictionOutput.Regression) out).value();
                truth[n] = ((Label.Numeric) label).value();
            }
            n++;
        }

        private void grow() {
            if (n < score.length) {
                return;
            }
            int size = n * 2;
            score = Arrays.copyOf(score, size);
            truth = Arrays.copyOf(truth, size);
            predicted = Arrays.copyOf(predicted, size);
            actual = Arrays.copyOf(actual, size);
            predictedClass = Arrays.copyOf(predictedClass, size);
            trueClass = Arrays.copyOf(trueClass, size);
        }

        PerformanceSummary summary(int bins) {
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            if (task == ModelTask.BINARY && all > 0) {
                double[] p = Arrays.copyOf(allScore, all);
                boolean[] yhat = Arrays.copyOf(allPredicted, all);
                put(m, Metric.ESTIMATED_ACCURACY, PerformanceMetrics.estimatedAccuracy(p, yhat));
                put(m, Metric.ESTIMATED_PRECISION, PerformanceMetrics.estimatedPrecision(p, yhat));
                put(m, Metric.ESTIMATED_RECALL, PerformanceMetrics.estimatedRecall(p, yhat));
                put(m, Metric.ESTIMATED_F1, PerformanceMetrics.estimatedF1(p, yhat));
            }
            if (n > 0) {
                switch (task) {
                    case BINARY -> binary(m, bins);
                    case MULTICLASS -> multiclass(m);
                    case REGRESSION -> regression(m);
                }
            }
            return new PerformanceSummary(predictions, n, mismatched, m);
        }

        private void binary(Map<Metric, Double> m, int bins) {
            double[] p = Arrays.copyOf(score, n);
            boolean[] yhat = Arrays.copyOf(predicted, n);
            boolean[] y = Arrays.copyOf(actual, n);
            put(m, Metric.ACCURACY, PerformanceMetrics.accuracy(yhat, y));
            put(m, Metric.PRECISION, PerformanceMetrics.precision(yhat, y));
            put(m, Metric.RECALL, PerformanceMetrics.recall(yhat, y));
            put(m, Metric.F1, PerformanceMetrics.f1(yhat, y));
            put(m, Metric.ROC_AUC, PerformanceMetrics.rocAuc(p, y));
            put(m, Metric.PR_AUC, PerformanceMetrics.averagePrecision(p, y));
            put(m, Metric.LOG_LOSS, PerformanceMetrics.logLoss(p, y));
            put(m, Metric.CALIBRATION_ERROR, PerformanceMetrics.expectedCalibrationError(p, y, bins));
        }

        private void multiclass(Map<Metric, Double> m) {
            String[] yhat = Arrays.copyOf(predictedClass, n);
            String[] y = Arrays.copyOf(trueClass, n);
            put(m, Metric.ACCURACY, PerformanceMetrics.accuracy(yhat, y));
            double[] macro = PerformanceMetrics.macro(yhat, y);
            put(m, Metric.MACRO_PRECISION, macro[0]);
            put(m, Metric.MACRO_RECALL, macro[1]);
            put(m, Metric.MACRO_F1, macro[2]);
            if (everyRowHasProbabilities) {
                put(m, Metric.LOG_LOSS, PerformanceMetrics.logLoss(probabilities, y));
            }
        }

        private void regression(Map<Metric, Double> m) {
            double[] yhat = Arrays.copyOf(score, n);
            double[] y = Arrays.copyOf(truth, n);
            put(m, Metric.MAE, PerformanceMetrics.meanAbsoluteError(yhat, y));
            put(m, Metric.RMSE, PerformanceMetrics.rootMeanSquaredError(yhat, y));
            put(m, Metric.MAPE, PerformanceMetrics.meanAbsolutePercentageError(yhat, y));
            put(m, Metric.R2, PerformanceMetrics.r2(yhat, y));
        }

        private static void put(Map<Metric, Double> m, Metric metric, double value) {
            if (!Double.isNaN(value)) {
                m.put(metric, value);
            }
        }
    }
}
