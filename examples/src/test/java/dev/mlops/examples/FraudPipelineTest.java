package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.examples.fraud.FraudModel;
import dev.mlops.examples.fraud.Transaction;
import dev.mlops.examples.fraud.TransactionSimulator;
import dev.mlops.featurestore.FeatureRegistry;
import dev.mlops.featurestore.FeatureStatus;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.OnlineFeatures;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.PushMode;
import dev.mlops.featurestore.TrainingSet;
import dev.mlops.monitoring.retrain.Candidate;
import dev.mlops.monitoring.retrain.ContinuousTraining;
import dev.mlops.monitoring.retrain.RetrainingResult;
import dev.mlops.monitoring.retrain.TrainingData;
import dev.mlops.monitoring.retrain.ValidationGate;
import dev.mlops.monitoring.retrain.ValueThreshold;
import dev.mlops.registry.model.LiveModel;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.tracking.Tracker;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a host tests its own ML code: every store in memory, time from a {@link TestClock} that the test
 * moves, no files, no database, no sleeping. The code under test is the example's own (its feature
 * definitions, its Tribuo model and loader, its retraining wiring).
 */
class FraudPipelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static FeatureStore featureStore(TestClock clock) {
        FeatureStore fs = FeatureStore.builder().registry(FeatureRegistry.inMemory()).onlineStore(OnlineStore.inMemory())
                .offlineStore(OfflineStore.inMemory()).clock(clock).build();
        fs.apply(FraudDetection.CUSTOMER, FraudDetection.CUSTOMER_STATS, FraudDetection.AMOUNT_RATIO,
                FraudDetection.FRAUD_FEATURES);
        return fs;
    }

    private static Map<String, Object> stats(long customer, Instant at, double avg, long count) {
        return Map.of("customer_id", customer, "event_timestamp", at, "avg_amount", avg, "txn_count_7d", count);
    }

    @Test
    void onlineFeaturesAgeOutAfterTheViewTtlAndTheRatioIsComputedOnRequest() {
        TestClock clock = TestClock.at(T0);
        try (FeatureStore fs = featureStore(clock)) {
            fs.push("customer_stats", List.of(stats(7L, T0, 40.0, 5L)), PushMode.ONLINE_AND_OFFLINE);

            OnlineFeatures fresh = fs.getOnlineFeatures(FraudDetection.FRAUD_FEATURES,
                    List.of(Map.of("customer_id", 7L, "amount", 100.0), Map.of("customer_id", 8L, "amount", 5.0)));
            assertThat(fresh.value(0, "ratio")).isEqualTo(2.5);
            assertThat(fresh.status(0, "avg_amount")).isEqualTo(FeatureStatus.PRESENT);
            assertThat(fresh.status(1, "avg_amount")).isEqualTo(FeatureStatus.NOT_FOUND);
            assertThat(fresh.value(1, "ratio")).isEqualTo(1.0);        // no history: the example's neutral ratio

            clock.advance(Duration.ofDays(2).plusSeconds(1));            // the view's TTL is two days
            OnlineFeatures stale = fs.getOnlineFeatures(FraudDetection.FRAUD_FEATURES,
                    List.of(Map.of("customer_id", 7L, "amount", 100.0)));
            assertThat(stale.status(0, "avg_amount")).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
        }
    }

    @Test
    void trainingRowsNeverSeeFeaturesFromTheirFuture() {
        TestClock clock = TestClock.at(T0.plus(Duration.ofDays(3)));
        try (FeatureStore fs = featureStore(clock)) {
            fs.push("customer_stats", List.of(stats(7L, T0, 40.0, 5L), stats(7L, T0.plus(Duration.ofDays(1)), 80.0, 9L)),
                    PushMode.OFFLINE);
            Transaction before = new Transaction("a", 7L, T0.plus(Duration.ofHours(12)), 20.0, "grocery", 12, false);
            Transaction after = new Transaction("b", 7L, T0.plus(Duration.ofHours(36)), 20.0, "grocery", 12, true);
            try (TrainingSet set = fs.getHistoricalFeatures(List.of(before.entityRow(), after.entityRow()),
                    FraudDetection.FRAUD_FEATURES)) {
                assertThat(set.value(0, "avg_amount")).isEqualTo(40.0);
                assertThat(set.value(1, "avg_amount")).isEqualTo(80.0);
                assertThat(set.value(1, "is_fraud")).isEqualTo(true);
            }
        }
    }

    @Test
    void aPromotedVersionIsHotSwappedAndTheCooldownHoldsBackTheNextRetraining() throws Exception {
        TestClock clock = TestClock.at(T0);
        ArtifactStore artifacts = ArtifactStore.inMemory();
        Tracker tracker = Tracker.builder(TrackingStore.inMemory(clock)).artifactStore(artifacts).clock(clock).build();
        ModelRegistry registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts)
                .trackingStore(tracker.store()).build();
        List<Map<String, Object>> rows = labelledRows(new TransactionSimulator(1L, 200, T0, 100), 0, 10);
        FraudModel first = FraudModel.train(rows, null);
        String runId = tracker.newRun("fraud").start().id();
        ArtifactRef ref = artifacts.put(first.toBytes(), FraudModel.MEDIA_TYPE);
        registry.setAlias("fraud", "champion",
                registry.registerVersion("fraud", runId, ref, FraudModel.SIGNATURE).version());

        ContinuousTraining<List<Map<String, Object>>> ct = ContinuousTraining.<List<Map<String, Object>>>builder()
                .registry(registry).tracker(tracker).model("fraud").clock(clock).cooldown(Duration.ofDays(7))
                .data(context -> new TrainingData<>(rows, List.of()))
                .trainer((data, context) -> {
                    FraudModel m = FraudModel.train(data, null);
                    return new Candidate(m.toBytes(), FraudModel.MEDIA_TYPE, FraudModel.SIGNATURE,
                            Map.of("auc", m.auc(data)), Map.of());
                })
                .gate(ValidationGate.builder().valueThreshold("auc", ValueThreshold.atLeast(0.5)).build())
                .build();

        try (LiveModel<FraudModel> live = registry.liveModel("fraud", "champion", FraudModel.loader())
                .executor(Runnable::run).scheduler((task, every) -> () -> { }).build()) {
            assertThat(live.loaded().version().version()).isEqualTo(1);
            // The loader rebuilt the model from its protobuf bytes: it scores exactly as the trained one.
            assertThat(live.get().score(rows.get(0))).isEqualTo(first.score(rows.get(0)));

            RetrainingResult promoted = ct.trigger("test");
            assertThat(promoted.status()).isEqualTo(RetrainingResult.Status.PROMOTED);
            live.refresh().join();
            assertThat(live.loaded().version().version()).isEqualTo(2);

            clock.advance(Duration.ofDays(6));
            assertThat(ct.trigger("again").status()).isEqualTo(RetrainingResult.Status.SKIPPED_COOLDOWN);
            clock.advance(Duration.ofDays(1));
            assertThat(ct.trigger("a week later").status()).isEqualTo(RetrainingResult.Status.PROMOTED);
        }
    }

    /** Rows the model can train on without a feature store: the request fields and made-up customer stats. */
    private static List<Map<String, Object>> labelledRows(TransactionSimulator sim, int fromDay, int toDay) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int day = fromDay; day < toDay; day++) {
            for (Transaction t : sim.day(day)) {
                Map<String, Object> row = new java.util.HashMap<>(t.entityRow());
                row.put("avg_amount", 30.0);
                row.put("txn_count_7d", 10L);
                row.put("ratio", t.amount() / 30.0);
                rows.add(row);
            }
        }
        return rows;
    }
}
