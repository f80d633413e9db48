package dev.mlops.monitoring.performance;

import static dev.mlops.monitoring.performance.ReferenceData.assertMatches;
import static dev.mlops.monitoring.performance.ReferenceData.booleans;
import static dev.mlops.monitoring.performance.ReferenceData.doubles;
import static dev.mlops.monitoring.performance.ReferenceData.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric against the NumPy transcription of scikit-learn's definition, to 1e-12. */
class PerformanceMetricsReferenceTest {

    static Stream<Named<JsonNode>> binary() {
        return ReferenceData.cases("binary");
    }

    static Stream<Named<JsonNode>> multiclass() {
        return ReferenceData.cases("multiclass");
    }

    static Stream<Named<JsonNode>> regression() {
        return ReferenceData.cases("regression");
    }

    @ParameterizedTest
    @MethodSource("binary")
    @DisplayName("binary metrics and CBPE estimates match the reference")
    void binaryMetrics(JsonNode c) {
        boolean[] y = booleans(c.get("actual"));
        double[] p = doubles(c.get("probability"));
        boolean[] yhat = booleans(c.get("predicted"));
        JsonNode e = c.get("expected");
        assertMatches("accuracy", PerformanceMetrics.accuracy(yhat, y), e.get("accuracy"));
        assertMatches("precision", PerformanceMetrics.precision(yhat, y), e.get("precision"));
        assertMatches("recall", PerformanceMetrics.recall(yhat, y), e.get("recall"));
        assertMatches("f1", PerformanceMetrics.f1(yhat, y), e.get("f1"));
        assertMatches("roc_auc", PerformanceMetrics.rocAuc(p, y), e.get("roc_auc"));
        assertMatches("pr_auc", PerformanceMetrics.averagePrecision(p, y), e.get("pr_auc"));
        assertMatches("log_loss", PerformanceMetrics.logLoss(p, y), e.get("log_loss"));
        assertMatches("calibration_error",
                PerformanceMetrics.expectedCalibrationError(p, y, c.get("bins").intValue()), e.get("calibration_error"));
        assertMatches("estimated_accuracy", PerformanceMetrics.estimatedAccuracy(p, yhat), e.get("estimated_accuracy"));
        assertMatches("estimated_precision", PerformanceMetrics.estimatedPrecision(p, yhat), e.get("estimated_precision"));
        assertMatches("estimated_recall", PerformanceMetrics.estimatedRecall(p, yhat), e.get("estimated_recall"));
        assertMatches("estimated_f1", PerformanceMetrics.estimatedF1(p, yhat), e.get("estimated_f1"));
    }

    @ParameterizedTest
    @MethodSource("multiclass")
    @DisplayName("multiclass accuracy, macro precision/recall/F1 and log loss match the reference")
    void multiclassMetrics(JsonNode c) {
        String[] y = strings(c.get("actual"));
        String[] yhat = strings(c.get("predicted"));
        List<Map<String, Double>> probabilities = new ArrayList<>();
        for (JsonNode row : c.get("probabilities")) {
            Map<String, Double> m = new LinkedHashMap<>();
            row.properties().forEach(f -> m.put(f.getKey(), f.getValue().doubleValue()));
            probabilities.add(m);
        }
        JsonNode e = c.get("expected");
        assertMatches("accuracy", PerformanceMetrics.accuracy(yhat, y), e.get("accuracy"));
        assertMatches("macro_precision", PerformanceMetrics.macroPrecision(yhat, y), e.get("macro_precision"));
        assertMatches("macro_recall", PerformanceMetrics.macroRecall(yhat, y), e.get("macro_recall"));
        assertMatches("macro_f1", PerformanceMetrics.macroF1(yhat, y), e.get("macro_f1"));
        assertMatches("log_loss", PerformanceMetrics.logLoss(probabilities, y), e.get("log_loss"));
    }

    @ParameterizedTest
    @MethodSource("regression")
    @DisplayName("MAE, RMSE, MAPE and R² match the reference")
    void regressionMetrics(JsonNode c) {
        double[] yhat = doubles(c.get("predicted"));
        double[] y = doubles(c.get("actual"));
        JsonNode e = c.get("expected");
        assertMatches("mae", PerformanceMetrics.meanAbsoluteError(yhat, y), e.get("mae"));
        assertMatches("rmse", PerformanceMetrics.rootMeanSquaredError(yhat, y), e.get("rmse"));
        assertMatches("mape", PerformanceMetrics.meanAbsolutePercentageError(yhat, y), e.get("mape"));
        assertMatches("r2", PerformanceMetrics.r2(yhat, y), e.get("r2"));
    }
}
