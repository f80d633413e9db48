package dev.mlops.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Experiment;
import dev.mlops.registry.tracking.LifecycleStage;
import dev.mlops.registry.tracking.Metric;
import dev.mlops.registry.tracking.NewRun;
import dev.mlops.registry.tracking.Page;
import dev.mlops.registry.tracking.Param;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.RunArtifact;
import dev.mlops.registry.tracking.RunSearch;
import dev.mlops.registry.tracking.RunStatus;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.registry.tracking.ViewType;
import dev.mlops.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of {@link TrackingStore}: every adapter extends it and supplies a fresh, empty
 * store per test. The in-memory adapter is the reference that passes it first.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class TrackingStoreContract {

    /** When the test clock starts. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final TestClock clock = TestClock.at(T0);
    private TrackingStore store;

    /** A fresh, empty store that takes creation and update times from {@code clock}. */
    protected abstract TrackingStore newStore(InstantSource clock);

    /** Releases what {@link #newStore} acquired; by default nothing. */
    protected void closeStore(TrackingStore s) throws Exception {
        if (s instanceof AutoCloseable c) {
            c.close();
        }
    }

    @BeforeEach
    void openStore() {
        store = newStore(clock);
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore(store);
    }

    protected TrackingStore store() {
        return store;
    }

    private Experiment experiment(String name) {
        return store.createExperiment(name, List.of());
    }

    private Run run(String experimentId) {
        return store.createRun(NewRun.of(experimentId, clock.instant(), "alice"));
    }

    private Run namedRun(String experimentId, String name, Instant start) {
        return store.createRun(new NewRun(experimentId, Optional.of(name), start, Optional.empty(), "alice",
                RunStatus.RUNNING, List.of()));
    }

    private static Metric metric(String key, double value, long step) {
        return new Metric(key, value, T0, step);
    }

    private void logMetric(String runId, String key, double value) {
        store.logBatch(runId, List.of(metric(key, value, 0)), List.of(), List.of());
    }

    private void logParam(String runId, String key, String value) {
        store.logBatch(runId, List.of(), List.of(new Param(key, value)), List.of());
    }

    private void setTag(String runId, String key, String value) {
        store.logBatch(runId, List.of(), List.of(), List.of(new Tag(key, value)));
    }

    private Run get(String runId) {
        return store.getRun(runId).orElseThrow();
    }

    @Nested
    class Experiments {

        @Test
        void a_created_experiment_is_found_by_id_and_by_name() {
            Experiment e = store.createExperiment("fraud", List.of(new Tag("team", "risk")));
            assertThat(e.name()).isEqualTo("fraud");
            assertThat(e.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
            assertThat(e.tags()).containsExactly(java.util.Map.entry("team", "risk"));
            assertThat(e.creationTime()).isEqualTo(T0);
            assertThat(store.getExperiment(e.id())).contains(e);
            assertThat(store.getExperimentByName("fraud")).contains(e);
            assertThat(store.getExperiment("no-such-id")).isEmpty();
            assertThat(store.getExperimentByName("nope")).isEmpty();
        }

        @Test
        void names_are_unique_even_among_deleted_experiments() {
            Experiment e = experiment("fraud");
            assertThatThrownBy(() -> experiment("fraud")).isInstanceOf(AlreadyExistsException.class);
            store.deleteExperiment(e.id());
            assertThatThrownBy(() -> experiment("fraud")).isInstanceOf(AlreadyExistsException.class);
        }

        @Test
        void an_invalid_name_is_rejected_and_nothing_is_created() {
            assertThatThrownBy(() -> experiment("../etc")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> experiment("a b")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> experiment("")).isInstanceOf(InvalidArgumentException.class);
            assertThat(store.listExperiments(ViewType.ALL)).isEmpty();
        }

        @Test
        void listing_follows_creation_order_and_the_view_type() {
            Experiment a = experiment("a");
            Experiment b = experiment("b");
            Experiment c = experiment("c");
            store.deleteExperiment(b.id());
            assertThat(store.listExperiments(ViewType.ACTIVE_ONLY)).extracting(Experiment::id)
                    .containsExactly(a.id(), c.id());
            assertThat(store.listExperiments(ViewType.DELETED_ONLY)).extracting(Experiment::id)
                    .containsExactly(b.id());
            assertThat(store.listExperiments(ViewType.ALL)).extracting(Experiment::id)
                    .containsExactly(a.id(), b.id(), c.id());
        }

        @Test
        void renaming_frees_the_old_name_and_refuses_a_taken_one() {
            Experiment a = experiment("a");
            experiment("b");
            clock.advance(Duration.ofMinutes(1));
            Experiment renamed = store.renameExperiment(a.id(), "a2");
            assertThat(renamed.name()).isEqualTo("a2");
            assertThat(renamed.lastUpdateTime()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(store.getExperimentByName("a")).isEmpty();
            assertThat(store.getExperimentByName("a2")).map(Experiment::id).contains(a.id());
            assertThatThrownBy(() -> store.renameExperiment(a.id(), "b")).isInstanceOf(AlreadyExistsException.class);
            assertThat(store.getExperiment(a.id()).orElseThrow().name()).isEqualTo("a2");
            assertThat(experiment("a").name()).isEqualTo("a");
        }

        @Test
        void deleting_deletes_its_runs_and_restoring_brings_back_only_those() {
            Experiment e = experiment("e");
            Run deletedEarlier = run(e.id());
            Run kept = run(e.id());
            store.deleteRun(deletedEarlier.id());
            store.deleteExperiment(e.id());
            assertThat(get(kept.id()).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
            assertThat(store.getExperiment(e.id()).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);

            store.restoreExperiment(e.id());
            assertThat(get(kept.id()).lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
            assertThat(get(deletedEarlier.id()).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        }

        @Test
        void deleting_twice_or_restoring_an_active_experiment_is_a_conflict() {
            Experiment e = experiment("e");
            assertThatThrownBy(() -> store.restoreExperiment(e.id())).isInstanceOf(ConflictException.class);
            store.deleteExperiment(e.id());
            assertThatThrownBy(() -> store.deleteExperiment(e.id())).isInstanceOf(ConflictException.class);
        }

        @Test
        void tags_are_set_replaced_and_deleted() {
            Experiment e = experiment("e");
            store.setExperimentTag(e.id(), new Tag("owner", "a"));
            store.setExperimentTag(e.id(), new Tag("team", "risk"));
            Experiment replaced = store.setExperimentTag(e.id(), new Tag("owner", "b"));
            assertThat(replaced.tags()).containsEntry("owner", "b").containsEntry("team", "risk").hasSize(2);
            Experiment deleted = store.deleteExperimentTag(e.id(), "owner");
            assertThat(deleted.tags()).containsOnlyKeys("team");
            assertThatThrownBy(() -> store.deleteExperimentTag(e.id(), "owner")).isInstanceOf(NotFoundException.class);
        }

        @Test
        void changing_an_unknown_experiment_is_not_found() {
            assertThatThrownBy(() -> store.renameExperiment("404", "x")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.deleteExperiment("404")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.setExperimentTag("404", new Tag("a", "b")))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Runs {

        @Test
        void a_created_run_is_running_with_its_start_time_user_name_and_tags() {
            Experiment e = experiment("e");
            Run r = store.createRun(new NewRun(e.id(), Optional.of("first"), T0, Optional.empty(), "alice",
                    RunStatus.RUNNING, List.of(new Tag("k", "v"))));
            assertThat(r.id()).matches("[0-9a-f]{32}");
            assertThat(r.experimentId()).isEqualTo(e.id());
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(r.startTime()).isEqualTo(T0);
            assertThat(r.endTime()).isEmpty();
            assertThat(r.userId()).isEqualTo("alice");
            assertThat(r.name()).contains("first");
            assertThat(r.tags()).containsEntry("k", "v");
            assertThat(r.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
            assertThat(store.getRun(r.id())).contains(r);
            assertThat(store.getRun("0".repeat(32))).isEmpty();
        }

        @Test
        void a_run_needs_an_existing_active_experiment() {
            assertThatThrownBy(() -> run("404")).isInstanceOf(NotFoundException.class);
            Experiment e = experiment("e");
            store.deleteExperiment(e.id());
            assertThatThrownBy(() -> run(e.id())).isInstanceOf(ConflictException.class);
        }

        @Test
        void a_nested_run_records_its_parent_which_must_exist() {
            Experiment e = experiment("e");
            Run parent = run(e.id());
            Run child = store.createRun(new NewRun(e.id(), Optional.empty(), T0, Optional.of(parent.id()), "alice",
                    RunStatus.RUNNING, List.of()));
            assertThat(child.parentRunId()).contains(parent.id());
            assertThatThrownBy(() -> store.createRun(new NewRun(e.id(), Optional.empty(), T0,
                    Optional.of("f".repeat(32)), "alice", RunStatus.RUNNING, List.of())))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        void ending_a_run_records_status_and_end_time_and_is_final() {
            Run r = run(experiment("e").id());
            Instant end = T0.plusSeconds(30);
            Run ended = store.setRunStatus(r.id(), RunStatus.FINISHED, Optional.of(end));
            assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(ended.endTime()).contains(end);
            Run again = store.setRunStatus(r.id(), RunStatus.FINISHED, Optional.of(end.plusSeconds(5)));
            assertThat(again.endTime()).contains(end);
            assertThatThrownBy(() -> store.setRunStatus(r.id(), RunStatus.RUNNING, Optional.empty()))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.setRunStatus(r.id(), RunStatus.FAILED, Optional.of(end)))
                    .isInstanceOf(ConflictException.class);
            assertThat(get(r.id()).status()).isEqualTo(RunStatus.FINISHED);
        }

        @Test
        void a_scheduled_run_starts_running_then_ends() {
            Experiment e = experiment("e");
            Run r = store.createRun(new NewRun(e.id(), Optional.empty(), T0, Optional.empty(), "", RunStatus.SCHEDULED,
                    List.of()));
            assertThat(store.setRunStatus(r.id(), RunStatus.RUNNING, Optional.empty()).status())
                    .isEqualTo(RunStatus.RUNNING);
            assertThatThrownBy(() -> store.setRunStatus(r.id(), RunStatus.SCHEDULED, Optional.empty()))
                    .isInstanceOf(ConflictException.class);
            assertThat(store.setRunStatus(r.id(), RunStatus.KILLED, Optional.of(T0)).status())
                    .isEqualTo(RunStatus.KILLED);
        }

        @Test
        void a_terminal_status_needs_an_end_time() {
            Run r = run(experiment("e").id());
            assertThatThrownBy(() -> store.setRunStatus(r.id(), RunStatus.FAILED, Optional.empty()))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(get(r.id()).status()).isEqualTo(RunStatus.RUNNING);
        }

        @Test
        void a_run_can_be_renamed() {
            Run r = run(experiment("e").id());
            assertThat(store.renameRun(r.id(), "better").name()).contains("better");
            assertThatThrownBy(() -> store.renameRun(r.id(), "no/slash")).isInstanceOf(InvalidArgumentException.class);
            assertThat(get(r.id()).name()).contains("better");
        }

        @Test
        void a_deleted_run_refuses_writes_until_restored() {
            Run r = run(experiment("e").id());
            store.deleteRun(r.id());
            assertThat(get(r.id()).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
            assertThatThrownBy(() -> logMetric(r.id(), "m", 1)).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.deleteRun(r.id())).isInstanceOf(ConflictException.class);
            store.restoreRun(r.id());
            logMetric(r.id(), "m", 1);
            assertThat(get(r.id()).metric("m")).contains(1.0);
            assertThatThrownBy(() -> store.restoreRun(r.id())).isInstanceOf(ConflictException.class);
        }

        @Test
        void a_run_of_a_deleted_experiment_cannot_be_restored_alone() {
            Experiment e = experiment("e");
            Run r = run(e.id());
            store.deleteExperiment(e.id());
            assertThatThrownBy(() -> store.restoreRun(r.id())).isInstanceOf(ConflictException.class);
        }

        @Test
        void writing_to_an_unknown_run_is_not_found() {
            assertThatThrownBy(() -> logMetric("f".repeat(32), "m", 1)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.getMetricHistory("f".repeat(32), "m")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.setRunStatus("x", RunStatus.FINISHED, Optional.of(T0)))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Params {

        @Test
        void logging_the_same_value_again_is_a_no_op() {
            Run r = run(experiment("e").id());
            logParam(r.id(), "lr", "0.05");
            logParam(r.id(), "lr", "0.05");
            assertThat(get(r.id()).params()).containsExactly(java.util.Map.entry("lr", "0.05"));
        }

        @Test
        void a_different_value_is_a_conflict_and_nothing_of_the_batch_is_written() {
            Run r = run(experiment("e").id());
            logParam(r.id(), "lr", "0.05");
            assertThatThrownBy(() -> store.logBatch(r.id(), List.of(metric("auc", 0.9, 0)),
                    List.of(new Param("depth", "3"), new Param("lr", "0.1")), List.of(new Tag("t", "v"))))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("lr");
            Run after = get(r.id());
            assertThat(after.params()).containsOnlyKeys("lr").containsEntry("lr", "0.05");
            assertThat(after.metrics()).isEmpty();
            assertThat(after.tags()).doesNotContainKey("t");
            assertThat(store.getMetricHistory(r.id(), "auc")).isEmpty();
        }

        @Test
        void one_key_with_two_values_in_a_batch_is_rejected() {
            Run r = run(experiment("e").id());
            assertThatThrownBy(() -> store.logBatch(r.id(), List.of(),
                    List.of(new Param("lr", "1"), new Param("lr", "2")), List.of()))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(get(r.id()).params()).isEmpty();
        }

        @Test
        void values_up_to_six_thousand_characters_are_kept_exactly() {
            Run r = run(experiment("e").id());
            String longValue = "é".repeat(6000);
            logParam(r.id(), "long", longValue);
            logParam(r.id(), "empty", "");
            assertThat(get(r.id()).params()).containsEntry("long", longValue).containsEntry("empty", "");
            assertThatThrownBy(() -> new Param("x", "a".repeat(6001))).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Nested
    class Metrics {

        @Test
        void the_history_keeps_every_point_ordered_by_step_then_timestamp() {
            Run r = run(experiment("e").id());
            Metric a = new Metric("loss", 0.5, T0.plusSeconds(2), 1);
            Metric b = new Metric("loss", 0.9, T0.plusSeconds(1), 0);
            Metric c = new Metric("loss", 0.4, T0.plusSeconds(3), 1);
            Metric d = new Metric("loss", 0.4, T0.plusSeconds(3), 1);
            store.logBatch(r.id(), List.of(a, b), List.of(), List.of());
            store.logBatch(r.id(), List.of(c, d), List.of(), List.of());
            assertThat(store.getMetricHistory(r.id(), "loss")).containsExactly(b, a, c, d);
            assertThat(store.getMetricHistory(r.id(), "other")).isEmpty();
        }

        @Test
        void the_latest_value_has_the_largest_step_then_timestamp_then_value() {
            Run r = run(experiment("e").id());
            store.logBatch(r.id(), List.of(new Metric("m", 5, T0.plusSeconds(9), 1),
                    new Metric("m", 3, T0.plusSeconds(1), 2),
                    new Metric("m", 1, T0.plusSeconds(0), 2)), List.of(), List.of());
            assertThat(get(r.id()).metric("m")).contains(3.0);
            store.logBatch(r.id(), List.of(new Metric("m", 2, T0.plusSeconds(1), 2)), List.of(), List.of());
            assertThat(get(r.id()).metric("m")).contains(3.0);
            store.logBatch(r.id(), List.of(new Metric("m", 4, T0.plusSeconds(1), 2)), List.of(), List.of());
            assertThat(get(r.id()).metric("m")).contains(4.0);
            Metric latest = get(r.id()).metrics().get("m");
            assertThat(latest.step()).isEqualTo(2);
            assertThat(latest.timestamp()).isEqualTo(T0.plusSeconds(1));
        }

        @Test
        void of_equally_recent_points_the_first_stays_and_nan_counts_as_zero() {
            Run r = run(experiment("e").id());
            store.logBatch(r.id(), List.of(metric("nan", Double.NaN, 1), metric("nan", 0.0, 1),
                    metric("zero", 0.0, 1), metric("zero", Double.NaN, 1)), List.of(), List.of());
            assertThat(get(r.id()).metric("nan").orElseThrow()).isNaN();
            assertThat(get(r.id()).metric("zero")).contains(0.0);
            // the same rule against what is stored: an equal or smaller value at the same step and time
            // leaves the latest alone, a larger one replaces it, and a NaN is smaller than 0.5
            store.logBatch(r.id(), List.of(metric("nan", 0.0, 1), metric("nan", -1, 1)), List.of(), List.of());
            assertThat(get(r.id()).metric("nan").orElseThrow()).isNaN();
            store.logBatch(r.id(), List.of(metric("nan", 0.5, 1)), List.of(), List.of());
            assertThat(get(r.id()).metric("nan")).contains(0.5);
            store.logBatch(r.id(), List.of(metric("nan", Double.NaN, 1)), List.of(), List.of());
            assertThat(get(r.id()).metric("nan")).contains(0.5);
            store.logBatch(r.id(), List.of(metric("nan", Double.NaN, 2)), List.of(), List.of());
            assertThat(get(r.id()).metric("nan").orElseThrow()).isNaN();
            assertThat(store.getMetricHistory(r.id(), "nan")).hasSize(7);
        }

        @Test
        void search_compares_and_orders_by_the_latest_value_not_by_history() {
            String e = experiment("e").id();
            Run a = run(e);
            Run b = run(e);
            store.logBatch(a.id(), List.of(metric("auc", 0.99, 0), metric("auc", 0.2, 5)), List.of(), List.of());
            store.logBatch(b.id(), List.of(metric("auc", 0.5, 3), metric("auc", 0.1, 1)), List.of(), List.of());
            RunSearch above = RunSearch.builder().experimentIds(e).filter("metrics.auc > 0.3").build();
            assertThat(store.searchRuns(above).items()).extracting(Run::id).containsExactly(b.id());
            RunSearch ordered = RunSearch.builder().experimentIds(e).orderBy("metrics.auc DESC").build();
            assertThat(store.searchRuns(ordered).items()).extracting(Run::id).containsExactly(b.id(), a.id());
        }

        @Test
        void nan_and_infinities_are_stored_faithfully() {
            Run r = run(experiment("e").id());
            store.logBatch(r.id(), List.of(metric("nan", Double.NaN, 0), metric("pinf", Double.POSITIVE_INFINITY, 0),
                    metric("ninf", Double.NEGATIVE_INFINITY, 0), metric("tiny", Double.MIN_VALUE, 0),
                    metric("neg0", -0.0, 0)), List.of(), List.of());
            Run after = get(r.id());
            assertThat(after.metric("nan").orElseThrow()).isNaN();
            assertThat(after.metric("pinf")).contains(Double.POSITIVE_INFINITY);
            assertThat(after.metric("ninf")).contains(Double.NEGATIVE_INFINITY);
            assertThat(after.metric("tiny")).contains(Double.MIN_VALUE);
            assertThat(store.getMetricHistory(r.id(), "nan")).singleElement()
                    .satisfies(m -> assertThat(m.value()).isNaN());
        }

        @Test
        void timestamps_keep_millisecond_precision_and_steps_keep_their_range() {
            Run r = run(experiment("e").id());
            Instant precise = Instant.parse("2024-03-01T10:00:00.123456789Z");
            store.logBatch(r.id(), List.of(new Metric("m", 1, precise, Long.MAX_VALUE),
                    new Metric("n", 1, Instant.EPOCH, Long.MIN_VALUE)), List.of(), List.of());
            assertThat(store.getMetricHistory(r.id(), "m")).singleElement().satisfies(m -> {
                assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
                assertThat(m.step()).isEqualTo(Long.MAX_VALUE);
            });
            assertThat(store.getMetricHistory(r.id(), "n").get(0).step()).isEqualTo(Long.MIN_VALUE);
            assertThatThrownBy(() -> new Metric("m", 1, Instant.EPOCH.minusMillis(1), 0))
                    .isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void concurrent_writers_lose_no_point() throws Exception {
            Run r = run(experiment("e").id());
            int threads = 4;
            int batches = 50;
            Concurrently.run(threads, thread -> {
                for (int b = 0; b < batches; b++) {
                    List<Metric> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(metric("m", thread, b * 10L + i));
                    }
                    store.logBatch(r.id(), batch, List.of(), List.of(new Tag("t" + thread, "" + b)));
                }
            });
            assertThat(store.getMetricHistory(r.id(), "m")).hasSize(threads * batches * 10);
            assertThat(get(r.id()).tags()).containsEntry("t0", "49").containsEntry("t3", "49");
        }
    }

    @Nested
    class Batches {

        @Test
        void batches_at_mlflow_limits_are_accepted() {
            Run r = run(experiment("e").id());
            List<Metric> metrics = IntStream.range(0, 1000).mapToObj(i -> metric("m" + (i % 7), i, i)).toList();
            store.logBatch(r.id(), metrics, List.of(), List.of());
            List<Param> params = IntStream.range(0, 100).mapToObj(i -> new Param("p" + i, "" + i)).toList();
            List<Tag> tags = IntStream.range(0, 100).mapToObj(i -> new Tag("t" + i, "" + i)).toList();
            store.logBatch(r.id(), List.of(), params, tags);
            Run after = get(r.id());
            assertThat(after.params()).hasSize(100);
            assertThat(after.tags()).hasSizeGreaterThanOrEqualTo(100);
            assertThat(IntStream.range(0, 7).map(k -> store.getMetricHistory(r.id(), "m" + k).size()).sum())
                    .isEqualTo(1000);
        }

        @Test
        void batches_over_any_limit_are_rejected_whole() {
            Run r = run(experiment("e").id());
            List<Metric> tooManyMetrics = IntStream.range(0, 1001).mapToObj(i -> metric("m", i, i)).toList();
            assertThatThrownBy(() -> store.logBatch(r.id(), tooManyMetrics, List.of(), List.of()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1000");
            List<Param> tooManyParams = IntStream.range(0, 101).mapToObj(i -> new Param("p" + i, "v")).toList();
            assertThatThrownBy(() -> store.logBatch(r.id(), List.of(), tooManyParams, List.of()))
                    .isInstanceOf(InvalidArgumentException.class);
            List<Tag> tooManyTags = IntStream.range(0, 101).mapToObj(i -> new Tag("t" + i, "v")).toList();
            assertThatThrownBy(() -> store.logBatch(r.id(), List.of(), List.of(), tooManyTags))
                    .isInstanceOf(InvalidArgumentException.class);
            List<Metric> nineHundred = IntStream.range(0, 901).mapToObj(i -> metric("m", i, i)).toList();
            List<Param> hundred = IntStream.range(0, 100).mapToObj(i -> new Param("p" + i, "v")).toList();
            assertThatThrownBy(() -> store.logBatch(r.id(), nineHundred, hundred, List.of()))
                    .isInstanceOf(InvalidArgumentException.class);
            Run after = get(r.id());
            assertThat(after.metrics()).isEmpty();
            assertThat(after.params()).isEmpty();
        }

        @Test
        void the_last_value_of_a_tag_set_twice_in_a_batch_wins() {
            Run r = run(experiment("e").id());
            store.logBatch(r.id(), List.of(), List.of(), List.of(new Tag("k", "1"), new Tag("k", "2")));
            assertThat(get(r.id()).tags()).containsEntry("k", "2");
        }
    }

    @Nested
    class TagsAndInputs {

        @Test
        void run_tags_are_replaced_and_deleted() {
            Run r = run(experiment("e").id());
            setTag(r.id(), "k", "1");
            setTag(r.id(), "k", "2");
            assertThat(get(r.id()).tags()).containsEntry("k", "2");
            store.deleteTag(r.id(), "k");
            assertThat(get(r.id()).tags()).doesNotContainKey("k");
            assertThatThrownBy(() -> store.deleteTag(r.id(), "k")).isInstanceOf(NotFoundException.class);
        }

        @Test
        void dataset_inputs_keep_name_digest_source_schema_and_context_once() {
            Run r = run(experiment("e").id());
            Schema schema = Schema.of(Field.of("amount", ValueType.FLOAT64), Field.required("id", ValueType.INT64));
            DatasetInput train = DatasetInput.of("transactions", "sha256:abc", "s3://bucket/tx.parquet")
                    .withSchema(schema).withContext("training");
            DatasetInput eval = DatasetInput.of("transactions", "sha256:abc", "").withContext("evaluation");
            store.logInputs(r.id(), List.of(train, eval));
            store.logInputs(r.id(), List.of(train));
            assertThat(get(r.id()).inputs()).containsExactly(train, eval);
        }
    }

    @Nested
    class Artifacts {

        private final ArtifactRef weights = new ArtifactRef("a".repeat(64), 10, "application/octet-stream");
        private final ArtifactRef other = new ArtifactRef("b".repeat(64), 10, "application/octet-stream");

        @Test
        void artifacts_are_listed_by_path_and_immutable() {
            Run r = run(experiment("e").id());
            store.logArtifact(r.id(), new RunArtifact("model/weights.bin", weights));
            store.logArtifact(r.id(), new RunArtifact("config.json", other));
            store.logArtifact(r.id(), new RunArtifact("model/weights.bin", weights));
            assertThat(store.listArtifacts(r.id())).extracting(RunArtifact::path)
                    .containsExactly("config.json", "model/weights.bin");
            assertThatThrownBy(() -> store.logArtifact(r.id(), new RunArtifact("model/weights.bin", other)))
                    .isInstanceOf(ConflictException.class);
            assertThat(store.listArtifacts(r.id())).contains(new RunArtifact("model/weights.bin", weights));
        }

        @Test
        void a_deleted_or_unknown_run_takes_no_artifacts() {
            Run r = run(experiment("e").id());
            store.deleteRun(r.id());
            assertThatThrownBy(() -> store.logArtifact(r.id(), new RunArtifact("x", weights)))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.listArtifacts("f".repeat(32))).isInstanceOf(NotFoundException.class);
            assertThat(store.listArtifacts(r.id())).isEmpty();
        }
    }

    @Nested
    class Search {

        private Experiment e;
        private Run lr;
        private Run tree;
        private Run forest;
        private Run bare;

        @BeforeEach
        void runs() {
            e = experiment("search");
            lr = namedRun(e.id(), "lr-run", T0.plusSeconds(1));
            tree = namedRun(e.id(), "tree-run", T0.plusSeconds(2));
            forest = namedRun(e.id(), "forest-run", T0.plusSeconds(3));
            bare = run(e.id());
            store.logBatch(lr.id(), List.of(metric("auc", 0.91, 0)), List.of(new Param("model", "lr")),
                    List.of(new Tag("team", "risk-core")));
            store.logBatch(tree.id(), List.of(metric("auc", 0.85, 0)), List.of(new Param("model", "tree")),
                    List.of(new Tag("team", "Risk-Ops")));
            store.logBatch(forest.id(), List.of(metric("auc", 0.95, 0), metric("loss", Double.NaN, 0)),
                    List.of(new Param("model", "forest")), List.of(new Tag("team", "growth")));
            store.setRunStatus(lr.id(), RunStatus.FINISHED, Optional.of(T0.plusSeconds(10)));
            store.setRunStatus(forest.id(), RunStatus.FINISHED, Optional.of(T0.plusSeconds(20)));
        }

        private List<String> ids(String filter, String... orderBy) {
            return store.searchRuns(RunSearch.builder().experimentIds(e.id()).filter(filter).orderBy(orderBy)
                    .build()).items().stream().map(Run::id).toList();
        }

        @Test
        void a_three_clause_filter_selects_runs_meeting_all_of_them() {
            assertThat(ids("metrics.auc > 0.9 and params.model = 'lr' and tags.team LIKE 'risk%'"))
                    .containsExactly(lr.id());
            assertThat(ids("metrics.auc >= 0.85 AND attributes.status = 'FINISHED'"))
                    .containsExactlyInAnyOrder(lr.id(), forest.id());
        }

        @Test
        void numeric_comparators_follow_their_meaning() {
            assertThat(ids("metrics.auc = 0.85")).containsExactly(tree.id());
            assertThat(ids("metrics.auc != 0.85")).containsExactlyInAnyOrder(lr.id(), forest.id());
            assertThat(ids("metrics.auc < 0.91")).containsExactly(tree.id());
            assertThat(ids("metrics.auc <= 0.91")).containsExactlyInAnyOrder(tree.id(), lr.id());
            assertThat(ids("metrics.auc > 0.91")).containsExactly(forest.id());
        }

        @Test
        void a_run_without_the_key_never_matches_even_with_not_equal() {
            assertThat(ids("params.model != 'lr'")).containsExactlyInAnyOrder(tree.id(), forest.id());
            assertThat(ids("metrics.auc != 1")).doesNotContain(bare.id());
            assertThat(ids("tags.missing != 'x'")).isEmpty();
        }

        @Test
        void nan_only_satisfies_not_equal() {
            assertThat(ids("metrics.loss != 0")).containsExactly(forest.id());
            assertThat(ids("metrics.loss > 0")).isEmpty();
            assertThat(ids("metrics.loss < 0")).isEmpty();
            assertThat(ids("metrics.loss = 0")).isEmpty();
        }

        @Test
        void like_is_case_sensitive_and_ilike_is_not() {
            assertThat(ids("tags.team LIKE 'risk%'")).containsExactly(lr.id());
            assertThat(ids("tags.team ILIKE 'risk%'")).containsExactlyInAnyOrder(lr.id(), tree.id());
            assertThat(ids("tags.team LIKE 'gr_wth'")).containsExactly(forest.id());
            assertThat(ids("tags.team LIKE 'gr_th'")).isEmpty();
            assertThat(ids("params.model LIKE '%r%'")).containsExactlyInAnyOrder(lr.id(), tree.id(), forest.id());
            assertThat(ids("tags.team LIKE '%Ops'")).containsExactly(tree.id());
            assertThat(ids("tags.team LIKE '%ops'")).isEmpty();
            assertThat(ids("tags.team ILIKE '%OPS'")).containsExactly(tree.id());
            assertThat(ids("tags.team LIKE 'growth'")).containsExactly(forest.id());
            assertThat(ids("tags.team ILIKE 'GROWTH'")).containsExactly(forest.id());
            assertThat(ids("tags.team LIKE 'grow'")).isEmpty();
            assertThat(ids("tags.team ILIKE 'RISK-%'")).containsExactlyInAnyOrder(lr.id(), tree.id());
        }

        @Test
        void an_escaped_wildcard_matches_only_itself() {
            setTag(bare.id(), "pct", "50%_off");
            assertThat(ids("tags.pct LIKE '50\\%\\_off'")).containsExactly(bare.id());
            assertThat(ids("tags.pct LIKE '50\\%'")).isEmpty();
            assertThat(ids("tags.pct LIKE '50\\%%'")).containsExactly(bare.id());
            assertThat(ids("tags.pct LIKE '%\\_off'")).containsExactly(bare.id());
            assertThat(ids("tags.pct LIKE '50\\_%'")).isEmpty();
            assertThat(ids("tags.pct LIKE '%\\%off'")).isEmpty();
        }

        @Test
        void run_ids_can_be_listed_with_in_and_not_in() {
            assertThat(ids("attributes.run_id IN ('" + lr.id() + "', '" + tree.id() + "')"))
                    .containsExactlyInAnyOrder(lr.id(), tree.id());
            assertThat(ids("run_id NOT IN ('" + lr.id() + "')"))
                    .containsExactlyInAnyOrder(tree.id(), forest.id(), bare.id());
        }

        @Test
        void attributes_name_status_user_and_times_are_searchable() {
            assertThat(ids("attributes.run_name = 'tree-run'")).containsExactly(tree.id());
            assertThat(ids("attributes.status != 'FINISHED'")).containsExactlyInAnyOrder(tree.id(), bare.id());
            assertThat(ids("attributes.user_id = 'alice'")).hasSize(4);
            assertThat(ids("attributes.start_time >= " + T0.plusSeconds(2).toEpochMilli()))
                    .containsExactlyInAnyOrder(tree.id(), forest.id());
            assertThat(ids("attributes.end_time > " + T0.plusSeconds(15).toEpochMilli()))
                    .containsExactly(forest.id());
        }

        @Test
        void quoted_keys_and_keys_with_dots_work() {
            setTag(bare.id(), "mlflow.source.git.commit", "abc");
            assertThat(ids("tags.mlflow.source.git.commit = 'abc'")).containsExactly(bare.id());
            assertThat(ids("tags.\"mlflow.source.git.commit\" = 'abc'")).containsExactly(bare.id());
            assertThat(ids("tags.`mlflow.source.git.commit` = 'abc'")).containsExactly(bare.id());
        }

        @Test
        void dataset_fields_match_when_any_input_matches() {
            store.logInputs(tree.id(), List.of(DatasetInput.of("tx", "d1", "").withContext("training"),
                    DatasetInput.of("holdout", "d2", "").withContext("evaluation")));
            assertThat(ids("datasets.digest = 'd2'")).containsExactly(tree.id());
            assertThat(ids("datasets.name IN ('tx', 'nope') and datasets.context = 'evaluation'"))
                    .containsExactly(tree.id());
        }

        @Test
        void ordering_by_a_metric_puts_runs_without_it_last_in_both_directions() {
            assertThat(ids("", "metrics.auc DESC")).containsExactly(forest.id(), lr.id(), tree.id(), bare.id());
            assertThat(ids("", "metrics.auc ASC")).containsExactly(tree.id(), lr.id(), forest.id(), bare.id());
            assertThat(ids("", "metrics.auc")).containsExactly(tree.id(), lr.id(), forest.id(), bare.id());
        }

        @Test
        void ordering_by_params_compares_strings() {
            assertThat(ids("", "params.model DESC")).containsExactly(tree.id(), lr.id(), forest.id(), bare.id());
        }

        @Test
        void the_default_order_is_newest_first() {
            assertThat(ids("")).containsExactly(forest.id(), tree.id(), lr.id(), bare.id());
            assertThat(ids("", "attributes.start_time ASC")).containsExactly(bare.id(), lr.id(), tree.id(), forest.id());
        }

        @Test
        void runs_tied_on_every_ordering_come_in_run_id_order() {
            List<String> tied = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tied.add(namedRun(e.id(), "tied", T0).id());
            }
            List<String> found = ids("attributes.run_name = 'tied'");
            assertThat(found).isSortedAccordingTo(String::compareTo).containsExactlyInAnyOrderElementsOf(tied);
        }

        @Test
        void deleted_runs_show_only_in_views_that_include_them() {
            store.deleteRun(tree.id());
            assertThat(ids("")).doesNotContain(tree.id());
            assertThat(store.searchRuns(RunSearch.builder().viewType(ViewType.DELETED_ONLY).build()).items())
                    .extracting(Run::id).containsExactly(tree.id());
            assertThat(store.searchRuns(RunSearch.builder().viewType(ViewType.ALL).build()).items()).hasSize(4);
        }

        @Test
        void the_search_is_limited_to_the_given_experiments() {
            Experiment other = experiment("other");
            Run elsewhere = run(other.id());
            assertThat(store.searchRuns(RunSearch.builder().experimentIds(other.id()).build()).items())
                    .extracting(Run::id).containsExactly(elsewhere.id());
            assertThat(store.searchRuns(RunSearch.builder().build()).items()).hasSize(5);
            assertThat(store.searchRuns(RunSearch.builder().experimentIds("404").build()).items()).isEmpty();
        }

        @Test
        void pages_cover_every_run_once_in_order() {
            for (int i = 0; i < 21; i++) {
                Run r = namedRun(e.id(), "page", T0.plusSeconds(100 + i % 4));
                logMetric(r.id(), "score", i % 5);
            }
            RunSearch first = RunSearch.builder().experimentIds(e.id()).filter("attributes.run_name = 'page'")
                    .orderBy("metrics.score DESC").maxResults(4).build();
            List<Run> collected = new ArrayList<>();
            Page<Run> page = store.searchRuns(first);
            int pages = 0;
            while (true) {
                collected.addAll(page.items());
                pages++;
                if (!page.hasNext()) {
                    break;
                }
                page = store.searchRuns(first.withPageToken(page.nextPageToken().orElseThrow()));
            }
            assertThat(pages).isEqualTo(6);
            assertThat(collected).hasSize(21);
            Set<String> distinct = new HashSet<>();
            collected.forEach(r -> distinct.add(r.id()));
            assertThat(distinct).hasSize(21);
            assertThat(collected).extracting(r -> r.metric("score").orElseThrow())
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));
            List<Run> oneShot = store.searchRuns(RunSearch.builder().experimentIds(e.id())
                    .filter("attributes.run_name = 'page'").orderBy("metrics.score DESC").build()).items();
            assertThat(collected).extracting(Run::id).containsExactlyElementsOf(oneShot.stream().map(Run::id).toList());
        }

        @Test
        void a_page_token_is_rejected_by_another_query_or_when_malformed() {
            Page<Run> page = store.searchRuns(RunSearch.builder().maxResults(1).build());
            String token = page.nextPageToken().orElseThrow();
            assertThatThrownBy(() -> store.searchRuns(RunSearch.builder().filter("metrics.auc > 0").maxResults(1)
                    .pageToken(token).build())).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.searchRuns(RunSearch.builder().maxResults(1).pageToken("%%%").build()))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }
}
