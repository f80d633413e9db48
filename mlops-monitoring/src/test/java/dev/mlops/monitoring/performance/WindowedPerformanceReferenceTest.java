package dev.mlops.monitoring.performance;

import static dev.mlops.monitoring.performance.ReferenceData.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.jdbc.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * End to end against the reference: the scenario's predictions and (shuffled, partly early, partly
 * replaced) labels go through a {@link PredictionMonitor} into a log, and every window's and segment's
 * counts and metrics must equal what {@code generate_reference.py} computed, to 1e-12.
 */
class WindowedPerformanceReferenceTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private static Instant instant(JsonNode nanos) {
        return Instant.ofEpochSecond(0, nanos.longValue());
    }

    @Test
    @DisplayName("binary scenario, in memory: windows and segments match the reference")
    void binaryInMemory() {
        checkBinary(PredictionLog.inMemory());
    }

    @Test
    @DisplayName("binary scenario, H2: windows and segments match the reference")
    void binaryH2() {
        try (Database db = Database.inMemory("windows-" + UUID.randomUUID())) {
            checkBinary(PredictionLog.jdbc(db));
        }
    }

    @Test
    @DisplayName("regression scenario: windows match the reference")
    void regression() {
        JsonNode s = ReferenceData.root().get("regression_scenario");
        PredictionLog log = PredictionLog.inMemory();
        try (PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(log).build()) {
            for (JsonNode p : s.get("predictions")) {
                monitor.log(Prediction.of(p.get("id").asText(), s.get("model").asText(), "1", instant(p.get("time_ns")),
                        Map.of(), PredictionOutput.value(p.get("value").doubleValue())));
            }
            for (JsonNode l : s.get("labels")) {
                monitor.recordLabel(l.get("id").asText(), Label.of(l.get("value").doubleValue()), instant(l.get("time_ns")));
            }
            assertThat(monitor.flush(WAIT)).isTrue();
            assertThat(monitor.stats().dropped() + monitor.stats().labelsDropped()).isZero();
            PerformanceReport report = monitor.performance(query(s));
            assertThat(report.task()).contains(ModelTask.REGRESSION);
            assertThat(report.windows()).hasSize(s.get("windows").size());
            for (int w = 0; w < report.windows().size(); w++) {
                JsonNode e = s.get("windows").get(w);
                PerformanceSummary actual = report.windows().get(w).overall();
                assertThat(report.windows().get(w).start()).isEqualTo(instant(e.get("start_ns")));
                assertThat(actual.predictions()).isEqualTo(e.get("predictions").longValue());
                assertThat(actual.labelled()).isEqualTo(e.get("labelled").longValue());
                for (Metric m : List.of(Metric.MAE, Metric.RMSE, Metric.MAPE, Metric.R2)) {
                    assertMatches("window " + w + " " + m.key(), actual.metric(m).orElseThrow(), e.get("metrics").get(m.key()));
                }
            }
        }
    }

    private static PerformanceQuery query(JsonNode s) {
        return PerformanceQuery.of(PredictionRange.of(s.get("model").asText(), instant(s.get("from_ns")),
                instant(s.get("to_ns"))), Duration.ofNanos(s.get("window_ns").longValue()));
    }

    private void checkBinary(PredictionLog log) {
        JsonNode s = ReferenceData.root().get("binary_scenario");
        String model = s.get("model").asText();
        List<JsonNode> labels = new ArrayList<>();
        s.get("labels").forEach(labels::add);
        try (PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(log).queueCapacity(1 << 14).build()) {
            // half of the labels arrive before any prediction is logged
            int half = labels.size() / 2;
            for (JsonNode l : labels.subList(0, half)) {
                monitor.recordLabel(l.get("id").asText(), Label.of(l.get("positive").booleanValue()), instant(l.get("time_ns")));
            }
            for (JsonNode p : s.get("predictions")) {
                monitor.log(Prediction.of(p.get("id").asText(), model, p.get("version").asText(), instant(p.get("time_ns")),
                        Map.of("amount", 1.0), PredictionOutput.binary(p.get("probability").doubleValue(),
                                p.get("predicted").booleanValue()), p.get("segment").asText()));
            }
            for (JsonNode l : labels.subList(half, labels.size())) {
                monitor.recordLabel(l.get("id").asText(), Label.of(l.get("positive").booleanValue()), instant(l.get("time_ns")));
            }
            assertThat(monitor.flush(WAIT)).isTrue();
            assertThat(monitor.stats().dropped() + monitor.stats().labelsDropped()).isZero();

            PerformanceReport report = monitor.performance(query(s));
            assertThat(report.task()).contains(ModelTask.BINARY);
            assertThat(report.windows()).hasSize(s.get("windows").size());
            for (int w = 0; w < report.windows().size(); w++) {
                JsonNode e = s.get("windows").get(w);
                WindowPerformance actual = report.windows().get(w);
                assertThat(actual.start()).isEqualTo(instant(e.get("start_ns")));
                assertThat(actual.end()).isEqualTo(actual.start().plusNanos(s.get("window_ns").longValue()));
                assertSummary("window " + w, actual.overall(), e.get("overall"));
                List<String> segments = new ArrayList<>();
                e.get("segments").fieldNames().forEachRemaining(segments::add);
                assertThat(actual.segments().keySet()).containsExactlyElementsOf(segments);
                for (String segment : segments) {
                    assertSummary("window " + w + " segment " + segment, actual.segments().get(segment),
                            e.get("segments").get(segment));
                }
            }
        }
    }

    private static void assertSummary(String what, PerformanceSummary actual, JsonNode expected) {
        assertThat(actual.predictions()).as(what + " predictions").isEqualTo(expected.get("predictions").longValue());
        assertThat(actual.labelled()).as(what + " labelled").isEqualTo(expected.get("labelled").longValue());
        JsonNode metrics = expected.get("metrics");
        List<String> keys = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(keys::add);
        assertThat(actual.metrics().keySet()).as(what + " metrics").extracting(Metric::key)
                .containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            Metric m = Metric.valueOf(key.toUpperCase(java.util.Locale.ROOT));
            assertMatches(what + " " + key, actual.metric(m).orElseThrow(), metrics.get(key));
        }
    }
}
