package dev.mlops.testkit.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.monitoring.performance.GroundTruth;
import dev.mlops.monitoring.performance.Label;
import dev.mlops.monitoring.performance.LabelledPrediction;
import dev.mlops.monitoring.performance.Prediction;
import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.monitoring.performance.PredictionOutput;
import dev.mlops.monitoring.performance.PredictionRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link PredictionLog} contract, run against every implementation by a subclass that supplies a
 * fresh log from {@link #newLog()}. The test kit runs it against the in-memory log and the JDBC log on
 * H2, PostgreSQL and SQLite; a host's own log starts by extending it.
 */
public abstract class PredictionLogContract {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");

    protected PredictionLog log;

    /** A new, empty log. */
    protected abstract PredictionLog newLog();

    /** Releases what {@link #newLog()} opened. */
    protected void closeLog() {}

    @BeforeEach
    void open() {
        log = newLog();
    }

    @AfterEach
    void close() {
        closeLog();
    }

    static Prediction binary(String id, Instant time, double p) {
        return Prediction.of(id, "fraud", "1", time, Map.of("amount", 10L), PredictionOutput.probability(p), "eu");
    }

    List<LabelledPrediction> all(String model) {
        return scanAll(log, model);
    }

    @Nested
    @DisplayName("predictions")
    class Predictions {

        @Test
        @DisplayName("read back equal to what was appended, for every output kind and feature type")
        void roundTrip() {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("amount", 12.75);
            features.put("count", 3L);
            features.put("big", Long.MAX_VALUE);
            features.put("nan", Double.NaN);
            features.put("inf", Double.NEGATIVE_INFINITY);
            features.put("country", "DE \"quoted\" ünïcode");
            features.put("flag", true);
            features.put("missing", null);
            List<Prediction> batch = List.of(
                    Prediction.of("b", "m", "1", T0, features, PredictionOutput.binary(0.25, true), "eu"),
                    Prediction.of("c", "m", "2", T0.plusNanos(1), Map.of(),
                            PredictionOutput.predictedClass("cat", Map.of("cat", 0.7, "dog", 0.3)), null),
                    Prediction.of("d", "m", "2", T0.plusNanos(2), Map.of(), PredictionOutput.predictedClass("dog"), null),
                    Prediction.of("e", "m", "3", T0.plusNanos(3), Map.of("x", -0.0), PredictionOutput.value(-1e-300), "us"),
                    Prediction.of("old", "m", "3", Instant.parse("1969-07-20T20:17:40.000000001Z"), Map.of(),
                            PredictionOutput.value(1.0), null));
            log.append(batch);
            List<LabelledPrediction> stored = all("m");
            assertThat(stored).extracting(LabelledPrediction::prediction)
                    .containsExactly(batch.get(4), batch.get(0), batch.get(1), batch.get(2), batch.get(3));
            assertThat(stored).allSatisfy(lp -> assertThat(lp.label()).isEmpty());
            assertThat(stored.get(1).prediction().features().keySet())
                    .containsExactly("amount", "count", "big", "nan", "inf", "country", "flag", "missing");
        }

        @Test
        @DisplayName("keep the first prediction of a (model, id); the same id in another model is separate")
        void duplicates() {
            log.append(List.of(binary("p1", T0, 0.1)));
            log.append(List.of(binary("p1", T0.plusSeconds(5), 0.9), binary("p2", T0, 0.5)));
            Prediction other = Prediction.of("p1", "shadow", "1", T0, Map.of(), PredictionOutput.probability(0.6));
            log.append(List.of(other));
            assertThat(all("fraud")).extracting(lp -> lp.prediction().id(), lp -> lp.prediction().time())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", T0),
                            org.assertj.core.groups.Tuple.tuple("p2", T0));
            assertThat(all("shadow")).extracting(LabelledPrediction::prediction).containsExactly(other);
        }

        @Test
        @DisplayName("a batch with repeated ids stores the first, and a retried batch changes nothing")
        void idempotent() {
            List<Prediction> batch = List.of(binary("a", T0, 0.1), binary("a", T0.plusSeconds(1), 0.2), binary("b", T0, 0.3));
            log.append(batch);
            log.append(batch);
            assertThat(all("fraud")).extracting(lp -> lp.prediction().output())
                    .containsExactly(PredictionOutput.probability(0.1), PredictionOutput.probability(0.3));
        }

        @Test
        @DisplayName("empty batches are accepted and store nothing")
        void emptyBatches() {
            log.append(List.of());
            log.appendLabels(List.of());
            assertThat(all("fraud")).isEmpty();
        }

        @Test
        @DisplayName("a large batch is stored whole")
        void largeBatch() {
            List<Prediction> batch = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                batch.add(binary(String.format("p%05d", i), T0.plusMillis(i), (i % 100) / 100.0));
            }
            log.append(batch);
            assertThat(all("fraud")).extracting(LabelledPrediction::prediction).containsExactlyElementsOf(batch);
        }
    }

    @Nested
    @DisplayName("labels")
    class Labels {

        @Test
        @DisplayName("join their prediction whether stored before or after it")
        void anyOrder() {
            GroundTruth early = new GroundTruth("a", Label.of(true), T0.plusSeconds(1));
            log.appendLabels(List.of(early));
            log.append(List.of(binary("a", T0, 0.9), binary("b", T0, 0.1)));
            GroundTruth late = new GroundTruth("b", Label.of(false), T0.plus(Duration.ofDays(30)));
            log.appendLabels(List.of(late));
            assertThat(all("fraud")).extracting(LabelledPrediction::label)
                    .containsExactly(Optional.of(early), Optional.of(late));
        }

        @Test
        @DisplayName("for one id, the latest label time wins; on a tie, the one appended last")
        void latestWins() {
            log.append(List.of(binary("a", T0, 0.9)));
            GroundTruth first = new GroundTruth("a", Label.of(true), T0.plusSeconds(10));
            GroundTruth older = new GroundTruth("a", Label.of(false), T0.plusSeconds(5));
            log.appendLabels(List.of(first, older));
            assertThat(all("fraud").get(0).label()).contains(first);
            GroundTruth tie = new GroundTruth("a", Label.of(false), T0.plusSeconds(10));
            log.appendLabels(List.of(tie));
            assertThat(all("fraud").get(0).label()).contains(tie);
        }

        @Test
        @DisplayName("apply to every model's prediction with that id, and keep their kind")
        void everyModelAndKind() {
            log.append(List.of(binary("r1", T0, 0.5),
                    Prediction.of("r1", "shadow", "7", T0, Map.of(), PredictionOutput.probability(0.4)),
                    Prediction.of("c1", "animals", "1", T0, Map.of(), PredictionOutput.predictedClass("cat")),
                    Prediction.of("v1", "price", "1", T0, Map.of(), PredictionOutput.value(3.5))));
            GroundTruth binaryLabel = new GroundTruth("r1", Label.of(true), T0);
            GroundTruth classLabel = new GroundTruth("c1", Label.of("dog"), T0);
            GroundTruth numericLabel = new GroundTruth("v1", Label.of(-2.25), T0);
            log.appendLabels(List.of(binaryLabel, classLabel, numericLabel));
            assertThat(all("fraud").get(0).label()).contains(binaryLabel);
            assertThat(all("shadow").get(0).label()).contains(binaryLabel);
            assertThat(all("animals").get(0).label()).contains(classLabel);
            assertThat(all("price").get(0).label()).contains(numericLabel);
        }
    }

    @Nested
    @DisplayName("scans")
    class Scans {

        @Test
        @DisplayName("cover [from, to), one model, optionally one version, ordered by time then id")
        void range() {
            log.append(List.of(
                    binary("z", T0, 0.1),
                    binary("a", T0, 0.2),
                    binary("before", T0.minusNanos(1), 0.3),
                    binary("last", T0.plusSeconds(60).minusNanos(1), 0.4),
                    binary("end", T0.plusSeconds(60), 0.5),
                    Prediction.of("v2", "fraud", "2", T0.plusSeconds(1), Map.of(), PredictionOutput.probability(0.6)),
                    Prediction.of("other", "churn", "1", T0, Map.of(), PredictionOutput.probability(0.7))));
            PredictionRange minute = PredictionRange.of("fraud", T0, T0.plusSeconds(60));
            List<String> ids = new ArrayList<>();
            log.scan(minute, lp -> ids.add(lp.prediction().id()));
            assertThat(ids).containsExactly("a", "z", "v2", "last");
            ids.clear();
            log.scan(minute.withVersion("1"), lp -> ids.add(lp.prediction().id()));
            assertThat(ids).containsExactly("a", "z", "last");
            ids.clear();
            log.scan(PredictionRange.of("nobody", Instant.MIN, Instant.MAX), lp -> ids.add(lp.prediction().id()));
            assertThat(ids).isEmpty();
        }
    }

    /** Scans a whole model's range into a list. */
    static List<LabelledPrediction> scanAll(PredictionLog log, String model) {
        List<LabelledPrediction> out = new ArrayList<>();
        log.scan(PredictionRange.of(model, Prediction.MIN_TIME, Prediction.MAX_TIME), out::add);
        return out;
    }
}
