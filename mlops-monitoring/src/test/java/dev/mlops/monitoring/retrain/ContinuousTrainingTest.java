package dev.mlops.monitoring.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.registry.model.AuditEvent;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.RunStatus;
import dev.mlops.registry.tracking.Tracker;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.monitoring.retrain.RetrainingResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContinuousTrainingTest {

    static final ModelSignature SIGNATURE = new ModelSignature(
            Schema.of(Field.required("amount", ValueType.FLOAT64)), Schema.of(Field.required("score", ValueType.FLOAT64)));

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final InstantSource clock = now::get;
    ModelRegistry registry;
    Tracker tracker;
    /** The AUC the next candidate reports; the champion's is whatever its own run logged. */
    final AtomicReference<Double> nextAuc = new AtomicReference<>(0.80);
    final AtomicInteger trained = new AtomicInteger();

    @BeforeEach
    void wire() {
        TrackingStore tracking = TrackingStore.inMemory(clock);
        ArtifactStore artifacts = ArtifactStore.inMemory();
        tracker = Tracker.builder(tracking).clock(clock).artifactStore(artifacts).build();
        registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts)
                .trackingStore(tracking).actor("retrainer").build();
    }

    Candidate candidate(double auc) {
        int n = trained.incrementAndGet();
        return new Candidate(("model-" + n).getBytes(StandardCharsets.UTF_8), "application/x-test", SIGNATURE,
                Map.of("auc", auc), Map.of());
    }

    ContinuousTraining.Builder<String> builder() {
        return ContinuousTraining.<String>builder()
                .registry(registry).tracker(tracker).model("fraud").clock(clock)
                .data(context -> TrainingData.of("rows as of " + context.startedAt(),
                        DatasetInput.of("transactions", "ab".repeat(32), "feature store")))
                .trainer((data, context) -> {
                    context.run().logParam("data", data);
                    return candidate(nextAuc.get());
                })
                .gate(ValidationGate.builder()
                        .valueThreshold("auc", ValueThreshold.atLeast(0.7))
                        .changeThreshold("auc", ChangeThreshold.higherIsBetter().absolute(0.0))
                        .build());
    }

    @Nested
    @DisplayName("promotion")
    class Promotion {

        @Test
        @DisplayName("the first passing candidate becomes champion; change thresholds are skipped without one")
        void firstChampion() {
            ContinuousTraining<String> ct = builder().build();
            RetrainingResult r = ct.trigger("manual");
            assertThat(r.status()).isEqualTo(Status.PROMOTED);
            assertThat(r.gate().orElseThrow().changeThresholdsSkipped()).isTrue();
            ModelVersion champion = registry.getByAlias("fraud", "champion");
            assertThat(champion.version()).isEqualTo(1);
            assertThat(champion.tags()).containsEntry(ContinuousTraining.VALIDATION_TAG, "passed");
            Run run = tracker.getRun(r.runId().orElseThrow());
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.tags()).containsEntry(ContinuousTraining.TRIGGER_TAG, "manual");
            assertThat(run.inputs()).extracting(DatasetInput::name).containsExactly("transactions");
            assertThat(run.params()).containsEntry("data", "rows as of 2026-01-01T00:00:00Z");
            assertThat(champion.sourceRunId()).contains(run.id());
        }

        @Test
        @DisplayName("a better candidate replaces the champion; the audit log records the move")
        void betterCandidate() {
            ContinuousTraining<String> ct = builder().build();
            ct.trigger("first");
            nextAuc.set(0.85);
            RetrainingResult r = ct.trigger("second");
            assertThat(r.status()).isEqualTo(Status.PROMOTED);
            assertThat(registry.getByAlias("fraud", "champion").version()).isEqualTo(2);
            List<AuditEvent> audit = registry.auditLog("fraud");
            assertThat(audit).anySatisfy(e -> assertThat(e.toString()).contains("champion"));
            assertThat(registry.aliasAt("fraud", "champion", now.get())).contains(2);
        }

        @Test
        @DisplayName("a worse candidate is registered, tagged with the reasons and left unpromoted")
        void worseCandidate() {
            ContinuousTraining<String> ct = builder().build();
            ct.trigger("first");
            nextAuc.set(0.75);
            RetrainingResult r = ct.trigger("second");
            assertThat(r.status()).isEqualTo(Status.REJECTED);
            assertThat(registry.getByAlias("fraud", "champion").version()).isEqualTo(1);
            ModelVersion rejected = registry.getVersion("fraud", 2);
            assertThat(rejected.tags()).containsEntry(ContinuousTraining.VALIDATION_TAG, "failed");
            assertThat(rejected.tags().get(ContinuousTraining.REASONS_TAG)).contains("auc").contains("absolute bound");
        }

        @Test
        @DisplayName("the trainer's evaluation of the champion on the same data is what the gate compares against")
        void championEvaluatedOnSameData() {
            ContinuousTraining<String> ct = builder()
                    .trainer((data, context) -> {
                        assertThat(context.championModel()).isPresent().get()
                                .satisfies(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("model-1"));
                        Candidate c = candidate(0.74);
                        return new Candidate(c.model(), c.mediaType(), c.signature(), c.metrics(), Map.of("auc", 0.72));
                    }).build();
            builder().build().trigger("first"); // champion v1 logged auc 0.80 on its own run
            RetrainingResult r = ct.trigger("second");
            assertThat(r.status()).isEqualTo(Status.PROMOTED);
        }

        @Test
        @DisplayName("a candidate below the value threshold is rejected even without a champion")
        void valueThresholdWithoutChampion() {
            nextAuc.set(0.6);
            RetrainingResult r = builder().build().trigger("first");
            assertThat(r.status()).isEqualTo(Status.REJECTED);
            assertThat(registry.store().getVersionByAlias("fraud", "champion")).isEmpty();
        }
    }

    @Nested
    @DisplayName("triggers")
    class Triggers {

        @Test
        @DisplayName("the schedule fires when due by the injected clock, then again one period later")
        void schedule() {
            ContinuousTraining<String> ct = builder().schedule(Duration.ofDays(1)).build();
            assertThat(ct.tick()).isEmpty();
            now.set(now.get().plus(Duration.ofHours(23)));
            assertThat(ct.tick()).isEmpty();
            now.set(now.get().plus(Duration.ofHours(1)));
            assertThat(ct.tick()).get().extracting(RetrainingResult::trigger).isEqualTo("schedule");
            assertThat(ct.tick()).isEmpty();
            now.set(now.get().plus(Duration.ofDays(1)));
            assertThat(ct.tick()).isPresent();
            assertThat(trained).hasValue(2);
        }

        @Test
        @DisplayName("enough new labels trigger a retraining and reset the count")
        void labels() {
            ContinuousTraining<String> ct = builder().afterNewLabels(100).build();
            ct.recordLabels(60);
            assertThat(ct.tick()).isEmpty();
            ct.recordLabels(40);
            assertThat(ct.tick()).get().extracting(RetrainingResult::trigger).isEqualTo("new labels: 100");
            assertThat(ct.pendingLabels()).isZero();
            assertThat(ct.tick()).isEmpty();
        }

        @Test
        @DisplayName("a request within the cooldown is skipped, failures included; after it, retraining runs")
        void cooldown() {
            ContinuousTraining<String> ct = builder().cooldown(Duration.ofHours(6))
                    .data(context -> {
                        throw new IllegalStateException("warehouse down");
                    }).build();
            RetrainingResult failed = ct.trigger("first");
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.error()).get().asString().contains("warehouse down");
            assertThat(tracker.getRun(failed.runId().orElseThrow()).status()).isEqualTo(RunStatus.FAILED);
            now.set(now.get().plus(Duration.ofHours(5)));
            assertThat(ct.trigger("again").status()).isEqualTo(Status.SKIPPED_COOLDOWN);
            now.set(now.get().plus(Duration.ofHours(1)));
            assertThat(ct.trigger("later").status()).isEqualTo(Status.FAILED);
        }

        @Test
        @DisplayName("never two retrainings at once: concurrent requests are skipped while one runs")
        void neverTwoAtOnce() throws Exception {
            CountDownLatch inTraining = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ContinuousTraining<String> ct = builder().trainer((data, context) -> {
                inTraining.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                return candidate(0.8);
            }).build();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Future<RetrainingResult> first = pool.submit(() -> ct.trigger("first"));
                assertThat(inTraining.await(30, TimeUnit.SECONDS)).isTrue();
                List<Future<RetrainingResult>> others = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    others.add(pool.submit(() -> ct.trigger("concurrent")));
                }
                for (Future<RetrainingResult> f : others) {
                    assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.SKIPPED_RUNNING);
                }
                release.countDown();
                assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.PROMOTED);
            } finally {
                pool.shutdownNow();
            }
            assertThat(registry.versions("fraud")).hasSize(1);
        }

        @Test
        @DisplayName("listeners hear every result, skipped ones included")
        void listeners() {
            List<Status> heard = new ArrayList<>();
            ContinuousTraining<String> ct = builder().cooldown(Duration.ofHours(1)).build().onResult(r -> heard.add(r.status()));
            ct.trigger("a");
            ct.trigger("b");
            assertThat(heard).containsExactly(Status.PROMOTED, Status.SKIPPED_COOLDOWN);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("missing settings and bad values are rejected naming what was wrong")
        void rejections() {
            assertThatThrownBy(() -> ContinuousTraining.<String>builder().build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("registry");
            assertThatThrownBy(() -> builder().cooldown(Duration.ofSeconds(-1))).hasMessageContaining("cooldown");
            assertThatThrownBy(() -> builder().schedule(Duration.ZERO)).hasMessageContaining("schedule");
            assertThatThrownBy(() -> builder().afterNewLabels(0)).hasMessageContaining("afterNewLabels");
            assertThatThrownBy(() -> builder().model("../fraud")).isInstanceOf(InvalidArgumentException.class);
            ContinuousTraining<String> ct = builder().build();
            assertThatThrownBy(() -> ct.trigger(" ")).hasMessageContaining("reason");
            assertThatThrownBy(() -> ct.recordLabels(-1)).hasMessageContaining("count");
        }
    }
}
