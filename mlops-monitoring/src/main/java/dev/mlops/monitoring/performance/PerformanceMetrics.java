package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model performance metrics over paired predictions and outcomes, each defined as scikit-learn
 * defines it (with its default options) and checked against a NumPy implementation of that
 * definition to 1e-12; plus the expected calibration error and NannyML's confidence-based estimates
 * (CBPE), whose definitions are stated below.
 *
 * <table>
 *   <caption>Definitions</caption>
 *   <tr><th>method</th><th>definition</th><th>undefined (NaN) when</th></tr>
 *   <tr><td>{@link #accuracy(boolean[], boolean[])}</td><td>share of predictions equal to the outcome
 *       ({@code accuracy_score})</td><td>never</td></tr>
 *   <tr><td>{@link #precision}, {@link #recall}, {@link #f1}</td><td>TP/(TP+FP), TP/(TP+FN),
 *       2TP/(2TP+FP+FN) ({@code precision_score}, {@code recall_score}, {@code f1_score}); a zero
 *       denominator gives 0, as sklearn's default {@code zero_division="warn"} does</td><td>never</td></tr>
 *   <tr><td>{@link #rocAuc}</td><td>area under the ROC curve by the trapezoid rule over the distinct
 *       score thresholds, so tied scores form one diagonal step ({@code roc_auc_score})</td>
 *       <td>only one class present (sklearn raises)</td></tr>
 *   <tr><td>{@link #averagePrecision}</td><td>Σ (R_k − R_{k−1}) P_k over the distinct thresholds,
 *       descending, R_0 = 0 ({@code average_precision_score}); no interpolation</td><td>no positive
 *       outcome (sklearn warns and returns 0)</td></tr>
 *   <tr><td>{@link #logLoss(double[], boolean[])}</td><td>mean of −ln p(outcome), each probability
 *       clipped to [ε, 1 − ε] with ε = 2^−52 after forming 1 − p ({@code log_loss} with labels
 *       {0, 1})</td><td>never</td></tr>
 *   <tr><td>{@link #expectedCalibrationError}</td><td>Σ_b (n_b / n) |mean outcome_b − mean p_b| over
 *       equal-width bins of the positive-class probability; bin b = [b/B, (b+1)/B), the last one
 *       closed, i.e. index min(⌊p·B⌋, B − 1); empty bins skipped (Naeini et al. 2015; sklearn has no
 *       such function)</td><td>never</td></tr>
 *   <tr><td>{@link #accuracy(String[], String[])}, {@link #macroPrecision}, {@link #macroRecall},
 *       {@link #macroF1}</td><td>per-class precision, recall, F1 (zero denominators give 0) over the
 *       sorted union of predicted and true classes, averaged without weights ({@code average="macro"});
 *       macro F1 is the mean of per-class F1</td><td>never</td></tr>
 *   <tr><td>{@link #logLoss(List, String[])}</td><td>mean of −ln clip(p(true class)); a class absent
 *       from a prediction's map has probability 0 ({@code log_loss} when each row lists every class)</td>
 *       <td>never</td></tr>
 *   <tr><td>{@link #meanAbsoluteError}, {@link #rootMeanSquaredError}</td><td>mean |y − ŷ|,
 *       √(mean (y − ŷ)²)</td><td>never</td></tr>
 *   <tr><td>{@link #meanAbsolutePercentageError}</td><td>mean |y − ŷ| / max(|y|, ε), ε = 2^−52, as a
 *       fraction, not a percentage ({@code mean_absolute_percentage_error})</td><td>never</td></tr>
 *   <tr><td>{@link #r2}</td><td>1 − Σ(y − ŷ)² / Σ(y − ȳ)²; when all outcomes are equal, 1 for a perfect
 *       fit and 0 otherwise ({@code r2_score}, {@code force_finite=True})</td><td>fewer than 2
 *       values</td></tr>
 *   <tr><td>{@link #estimatedAccuracy}, {@link #estimatedPrecision}, {@link #estimatedRecall},
 *       {@link #estimatedF1}</td><td>NannyML's CBPE: with calibrated probabilities p, the expected
 *       confusion matrix is E[TP] = Σ_{ŷ=1} p, E[FP] = Σ_{ŷ=1} (1 − p), E[FN] = Σ_{ŷ=0} p,
 *       E[TN] = Σ_{ŷ=0} (1 − p); the metric is computed from it (F1 = TP/(TP + (FP + FN)/2)); zero
 *       denominators give 0. Needs no outcomes.</td><td>never</td></tr>
 * </table>
 *
 * <p>Inputs: paired arrays of the same, positive length; probabilities in [0, 1]; scores and values
 * finite. Anything else is an {@link InvalidArgumentException}. Sums are compensated (Neumaier), so
 * results do not depend on input order beyond the last bits. Arrays are never modified. Stateless and
 * thread-safe.
 */
public final class PerformanceMetrics {

    /** The clipping ε of log loss and MAPE: the float64 machine epsilon, as NumPy's {@code finfo}. */
    public static final double EPSILON = Math.ulp(1.0);

    /** The default number of calibration bins. */
    public static final int DEFAULT_CALIBRATION_BINS = 10;

    private PerformanceMetrics() {}

    // ------------------------------------------------------------------ binary, from the predicted class

    /** Share of predictions equal to the outcome. */
    public static double accuracy(boolean[] predicted, boolean[] actual) {
        int n = pair("predicted", predicted.length, actual.length);
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == actual[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /** TP / (TP + FP); 0 when nothing was predicted positive. */
    public static double precision(boolean[] predicted, boolean[] actual) {
        long[] c = confusion(predicted, actual);
        return ratio(c[0], c[0] + c[1]);
    }

    /** TP / (TP + FN); 0 when no outcome was positive. */
    public static double recall(boolean[] predicted, boolean[] actual) {
        long[] c = confusion(predicted, actual);
        return ratio(c[0], c[0] + c[2]);
    }

    /** 2TP / (2TP + FP + FN); 0 when there are no positives at all. */
    public static double f1(boolean[] predicted, boolean[] actual) {
        long[] c = confusion(predicted, actual);
        return ratio(2 * c[0], 2 * c[0] + c[1] + c[2]);
    }

    /** {TP, FP, FN, TN}. */
    private static long[] confusion(boolean[] predicted, boolean[] actual) {
        int n = pair("predicted", predicted.length, actual.length);
        long[] c = new long[4];
        for (int i = 0; i < n; i++) {
            c[(predicted[i] ? 0 : 2) + (predicted[i] == actual[i] ? 0 : 1)]++;
        }
        // index: TP = 0, FP = 1, TN = 2, FN = 3 -> reorder to TP, FP, FN, TN
        return new long[] {c[0], c[1], c[3], c[2]};
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    // ------------------------------------------------------------------ binary, from scores

    /**
     * ROC AUC by the trapezoid rule over distinct thresholds; NaN if only one class is present.
     *
     * @param scores the positive-class scores, finite; only their order matters
     */
    public static double rocAuc(double[] scores, boolean[] actual) {
        long[][] curve = curve(scores, actual);
        long[] tps = curve[0];
        long[] fps = curve[1];
        long positives = tps[tps.length - 1];
        long negatives = fps[fps.length - 1];
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // Twice the area in units of one (1/N x 1/P) cell, exactly, in integers.
        long twiceArea = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < tps.length; k++) {
            twiceArea += (fps[k] - prevFp) * (tps[k] + prevTp);
            prevTp = tps[k];
            prevFp = fps[k];
        }
        return twiceArea / (2.0 * positives * negatives);
    }

    /**
     * Average precision, sklearn's step-wise area under the precision–recall curve; NaN if no
     * outcome is positive.
     *
     * @param scores the positive-class scores, finite; only their order matters
     */
    public static double averagePrecision(double[] scores, boolean[] actual) {
        long[][] curve = curve(scores, actual);
        long[] tps = curve[0];
        long[] fps = curve[1];
        long positives = tps[tps.length - 1];
        if (positives == 0) {
            return Double.NaN;
        }
        Sum sum = new Sum();
        long prevTp = 0;
        for (int k = 0; k < tps.length; k++) {
            if (tps[k] != prevTp) {
                double recallStep = (double) tps[k] / positives - (double) prevTp / positives;
                sum.add(recallStep * ((double) tps[k] / (tps[k] + fps[k])));
                prevTp = tps[k];
            }
        }
        return sum.value();
    }

    /**
     * Cumulative true and false positives at each distinct score, from the highest score down
     * (sklearn's {@code _binary_clf_curve}): {@code {tps[], fps[]}}.
     */
    private static long[][] curve(double[] scores, boolean[] actual) {
        int n = pair("scores", scores.length, actual.length);
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new InvalidArgumentException("scores", "score at index " + i + " is not finite: " + scores[i]);
            }
            if (actual[i]) {
                positives++;
            }
        }
        double[] pos = new double[positives];
        double[] neg = new double[n - positives];
        for (int i = 0, p = 0, q = 0; i < n; i++) {
            if (actual[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // Merge from the top; == groups -0.0 with 0.0, as NumPy's comparisons do.
        long[] tps = new long[n];
        long[] fps = new long[n];
        int distinct = 0;
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        while (i >= 0 || j >= 0) {
            double v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == v) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == v) {
                fp++;
                j--;
            }
            tps[distinct] = tp;
            fps[distinct] = fp;
            distinct++;
        }
        return new long[][] {Arrays.copyOf(tps, distinct), Arrays.copyOf(fps, distinct)};
    }

    /** Mean binary log loss with sklearn's clipping. */
    public static double logLoss(double[] probabilities, boolean[] actual) {
        int n = pair("probabilities", probabilities.length, actual.length);
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            double p = probability("probabilities", i, probabilities[i]);
            // sklearn forms [1 - p, p] first, then clips both columns.
            sum.add(-Math.log(clip(actual[i] ? p : 1 - p)));
        }
        return sum.value() / n;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    }

    /**
     * Expected calibration error over {@code bins} equal-width bins of the positive-class probability.
     *
     * @param bins the number of bins, 1 to 10 000 ({@value #DEFAULT_CALIBRATION_BINS} is usual)
     */
    public static double expectedCalibrationError(double[] probabilities, boolean[] actual, int bins) {
        int n = pair("probabilities", probabilities.length, actual.length);
        checkBins(bins);
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (int i = 0; i < n; i++) {
            double p = probability("probabilities", i, probabilities[i]);
            int b = Math.min((int) Math.floor(p * bins), bins - 1);
            count[b]++;
            sumP[b] += p;
            sumY[b] += actual[i] ? 1.0 : 0.0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(sumY[b] / count[b] - sumP[b] / count[b]);
            }
        }
        return ece;
    }

    static void checkBins(int bins) {
        if (bins < 1 || bins > 10_000) {
            throw new InvalidArgumentException("bins", "must be in [1, 10000], got " + bins);
        }
    }

    // ------------------------------------------------------------------ CBPE

    /** Expected accuracy from calibrated probabilities and predicted classes (NannyML CBPE). */
    public static double estimatedAccuracy(double[] probabilities, boolean[] predicted) {
        double[] c = expectedConfusion(probabilities, predicted);
        return (c[0] + c[3]) / probabilities.length;
    }

    /** Expected precision E[TP] / (E[TP] + E[FP]) (NannyML CBPE); 0 when nothing is predicted positive. */
    public static double estimatedPrecision(double[] probabilities, boolean[] predicted) {
        double[] c = expectedConfusion(probabilities, predicted);
        return expectedRatio(c[0], c[0] + c[1]);
    }

    /** Expected recall E[TP] / (E[TP] + E[FN]) (NannyML CBPE). */
    public static double estimatedRecall(double[] probabilities, boolean[] predicted) {
        double[] c = expectedConfusion(probabilities, predicted);
        return expectedRatio(c[0], c[0] + c[2]);
    }

    /** Expected F1 E[TP] / (E[TP] + (E[FP] + E[FN]) / 2) (NannyML CBPE). */
    public static double estimatedF1(double[] probabilities, boolean[] predicted) {
        double[] c = expectedConfusion(probabilities, predicted);
        return expectedRatio(c[0], c[0] + 0.5 * (c[1] + c[2]));
    }

    private static double expectedRatio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    /** {E[TP], E[FP], E[FN], E[TN]}. */
    static double[] expectedConfusion(double[] probabilities, boolean[] predicted) {
        int n = pair("probabilities", probabilities.length, predicted.length);
        Sum tp = new Sum();
        Sum fp = new Sum();
        Sum fn = new Sum();
        Sum tn = new Sum();
        for (int i = 0; i < n; i++) {
            double p = probability("probabilities", i, probabilities[i]);
            if (predicted[i]) {
                tp.add(p);
                fp.add(1 - p);
            } else {
                fn.add(p);
                tn.add(1 - p);
            }
        }
        return new double[] {tp.value(), fp.value(), fn.value(), tn.value()};
    }

    // ------------------------------------------------------------------ multiclass

    /** Share of predicted classes equal to the true class. */
    public static double accuracy(String[] predicted, String[] actual) {
        int n = pair("predicted", predicted.length, actual.length);
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (classAt("predicted", predicted, i).equals(classAt("actual", actual, i))) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /** Unweighted mean of per-class precision. */
    public static double macroPrecision(String[] predicted, String[] actual) {
        return macro(predicted, actual)[0];
    }

    /** Unweighted mean of per-class recall. */
    public static double macroRecall(String[] predicted, String[] actual) {
        return macro(predicted, actual)[1];
    }

    /** Unweighted mean of per-class F1. */
    public static double macroF1(String[] predicted, String[] actual) {
        return macro(predicted, actual)[2];
    }

    /** {macro precision, macro recall, macro F1}. */
    static double[] macro(String[] predicted, String[] actual) {
        int n = pair("predicted", predicted.length, actual.length);
        // class -> {TP, predicted count, true count}
        TreeMap<String, long[]> perClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String p = classAt("predicted", predicted, i);
            String a = classAt("actual", actual, i);
            perClass.computeIfAbsent(p, k -> new long[3])[1]++;
            perClass.computeIfAbsent(a, k -> new long[3])[2]++;
            if (p.equals(a)) {
                perClass.get(p)[0]++;
            }
        }
        Sum precision = new Sum();
        Sum recall = new Sum();
        Sum f1 = new Sum();
        for (long[] c : perClass.values()) {
            precision.add(ratio(c[0], c[1]));
            recall.add(ratio(c[0], c[2]));
            f1.add(ratio(2 * c[0], c[1] + c[2]));
        }
        int k = perClass.size();
        return new double[] {precision.value() / k, recall.value() / k, f1.value() / k};
    }

    /**
     * Mean multiclass log loss: −ln of each true class's clipped probability.
     *
     * @param probabilities per prediction, class → probability; a missing class has probability 0
     */
    public static double logLoss(List<Map<String, Double>> probabilities, String[] actual) {
        int n = pair("probabilities", probabilities.size(), actual.length);
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            Map<String, Double> row = probabilities.get(i);
            if (row == null) {
                throw new InvalidArgumentException("probabilities", "row " + i + " is null");
            }
            Double p = row.get(classAt("actual", actual, i));
            sum.add(-Math.log(clip(p == null ? 0.0 : probability("probabilities", i, p))));
        }
        return sum.value() / n;
    }

    private static String classAt(String name, String[] classes, int i) {
        String c = classes[i];
        if (c == null) {
            throw new InvalidArgumentException(name, "class at index " + i + " is null");
        }
        return c;
    }

    // ------------------------------------------------------------------ regression

    /** Mean absolute error. */
    public static double meanAbsoluteError(double[] predicted, double[] actual) {
        int n = pairFinite(predicted, actual);
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            sum.add(Math.abs(actual[i] - predicted[i]));
        }
        return sum.value() / n;
    }

    /** Root mean squared error. */
    public static double rootMeanSquaredError(double[] predicted, double[] actual) {
        int n = pairFinite(predicted, actual);
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            double e = actual[i] - predicted[i];
            sum.add(e * e);
        }
        return Math.sqrt(sum.value() / n);
    }

    /** Mean absolute percentage error as a fraction, with sklearn's ε floor on |y|. */
    public static double meanAbsolutePercentageError(double[] predicted, double[] actual) {
        int n = pairFinite(predicted, actual);
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            sum.add(Math.abs(actual[i] - predicted[i]) / Math.max(Math.abs(actual[i]), EPSILON));
        }
        return sum.value() / n;
    }

    /** Coefficient of determination; NaN with fewer than two values. */
    public static double r2(double[] predicted, double[] actual) {
        int n = pairFinite(predicted, actual);
        if (n < 2) {
            return Double.NaN;
        }
        Sum mean = new Sum();
        for (double y : actual) {
            mean.add(y);
        }
        double ybar = mean.value() / n;
        Sum residual = new Sum();
        Sum total = new Sum();
        for (int i = 0; i < n; i++) {
            double e = actual[i] - predicted[i];
            double d = actual[i] - ybar;
            residual.add(e * e);
            total.add(d * d);
        }
        double ssRes = residual.value();
        double ssTot = total.value();
        if (ssTot == 0) {
            return ssRes == 0 ? 1.0 : 0.0;
        }
        return 1 - ssRes / ssTot;
    }

    // ------------------------------------------------------------------ checks and sums

    private static int pair(String name, int length, int otherLength) {
        if (length == 0) {
            throw new InvalidArgumentException(name, "is empty");
        }
        if (length != otherLength) {
            throw new InvalidArgumentException(name, "has " + length + " values but the other array has " + otherLength);
        }
        return length;
    }

    private static int pairFinite(double[] predicted, double[] actual) {
        int n = pair("predicted", predicted.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(predicted[i])) {
                throw new InvalidArgumentException("predicted", "value at index " + i + " is not finite: " + predicted[i]);
            }
            if (!Double.isFinite(actual[i])) {
                throw new InvalidArgumentException("actual", "value at index " + i + " is not finite: " + actual[i]);
            }
        }
        return n;
    }

    private static double probability(String name, int i, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new InvalidArgumentException(name, "probability at index " + i + " must be in [0, 1], got " + p);
        }
        return p;
    }

    /** Neumaier's compensated sum. */
    static final class Sum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
