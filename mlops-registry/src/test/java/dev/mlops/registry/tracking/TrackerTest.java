package dev.mlops.registry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TrackerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private final TrackingStore store = TrackingStore.inMemory(clock);
    private final Tracker tracker = Tracker.builder(store).clock(clock)
            .systemTags(SystemTags.of(Map.of(SystemTags.GIT_COMMIT, "a".repeat(40), SystemTags.USER, "carol")))
            .build();

    @Test
    void a_try_with_resources_run_finishes_on_close_with_the_clock_time() {
        String id;
        try (ActiveRun run = tracker.startRun("fraud-model")) {
            id = run.id();
            run.logParam("learning_rate", "0.05");
            clock.advance(Duration.ofSeconds(3));
            run.logMetric("auc", 0.91, 7);
        }
        Run run = tracker.getRun(id);
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.startTime()).isEqualTo(T0);
        assertThat(run.endTime()).contains(T0.plusSeconds(3));
        assertThat(run.params()).containsEntry("learning_rate", "0.05");
        assertThat(tracker.metricHistory(id, "auc")).containsExactly(new Metric("auc", 0.91, T0.plusSeconds(3), 7));
        assertThat(tracker.findExperiment("fraud-model")).map(Experiment::id).contains(run.experimentId());
    }

    @Test
    void a_run_body_that_throws_fails_the_run_and_the_exception_propagates() {
        String[] id = new String[1];
        assertThatThrownBy(() -> tracker.run("fraud-model", run -> {
            id[0] = run.id();
            run.logMetric("auc", 0.5);
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        Run run = tracker.getRun(id[0]);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.endTime()).isPresent();
        assertThat(run.tags()).containsEntry(SystemTags.FAILURE, "java.io.IOException: disk full");
        assertThat(run.metric("auc")).contains(0.5);
    }

    @Test
    void a_run_body_that_returns_finishes_the_run_and_gives_its_result() {
        Run result = tracker.call("fraud-model", run -> {
            run.logMetric("auc", 0.8);
            return run.snapshot();
        });
        assertThat(tracker.getRun(result.id()).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void failing_inside_a_try_block_keeps_the_failure_when_closed() {
        ActiveRun escaped;
        try (ActiveRun run = tracker.startRun("e")) {
            escaped = run;
            run.fail(new IllegalStateException("bad data"));
        }
        assertThat(escaped.isEnded()).isTrue();
        assertThat(tracker.getRun(escaped.id()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(escaped.end(RunStatus.FINISHED)).isFalse();
    }

    @Test
    void runs_carry_system_tags_user_name_and_seed() {
        ActiveRun run = tracker.newRun("e").name("trial-1").seed(42).tag("team", "risk").start();
        Run snapshot = run.snapshot();
        assertThat(snapshot.userId()).isEqualTo("carol");
        assertThat(snapshot.name()).contains("trial-1");
        assertThat(snapshot.tags())
                .containsEntry(SystemTags.GIT_COMMIT, "a".repeat(40))
                .containsEntry(SystemTags.USER, "carol")
                .containsEntry(SystemTags.SEED, "42")
                .containsEntry(SystemTags.RUN_NAME, "trial-1")
                .containsEntry("team", "risk");
        run.close();
    }

    @Test
    void dataset_inputs_given_at_start_are_recorded() {
        DatasetInput tx = DatasetInput.of("transactions", "sha256:0f", "warehouse.tx").withContext("training");
        try (ActiveRun run = tracker.newRun("e").input(tx).start()) {
            assertThat(run.snapshot().inputs()).containsExactly(tx);
        }
    }

    @Test
    void nested_runs_point_at_their_parent() {
        try (ActiveRun parent = tracker.startRun("sweep")) {
            try (ActiveRun child = parent.startChild("trial-1")) {
                Run c = child.snapshot();
                assertThat(c.parentRunId()).contains(parent.id());
                assertThat(c.experimentId()).isEqualTo(parent.experimentId());
                assertThat(c.tags()).containsEntry(SystemTags.PARENT_RUN_ID, parent.id());
            }
            assertThat(tracker.searchRuns(RunSearch.builder()
                    .filter("tags.mlflow.parentRunId = '" + parent.id() + "'").build()).items()).hasSize(1);
        }
    }

    @Test
    void logging_helpers_write_batches_within_limits() {
        try (ActiveRun run = tracker.startRun("e")) {
            run.logParams(Map.of("a", "1", "b", "2"));
            run.logMetrics(Map.of("x", 1.0, "y", 2.0), 3);
            run.setTag("t", "v").deleteTag("t");
            assertThatThrownBy(() -> run.logParam("a", "9")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> run.logBatch(List.of(), java.util.stream.IntStream.range(0, 101)
                    .mapToObj(i -> new Param("p" + i, "v")).toList(), List.of()))
                    .isInstanceOf(InvalidArgumentException.class);
            Run s = run.snapshot();
            assertThat(s.params()).containsOnlyKeys("a", "b");
            assertThat(s.metrics().get("y").step()).isEqualTo(3);
            assertThat(s.tags()).doesNotContainKey("t");
        }
    }

    @Test
    void experiment_gets_or_creates_but_refuses_a_deleted_one() {
        Experiment e = tracker.experiment("e");
        assertThat(tracker.experiment("e")).isEqualTo(e);
        tracker.deleteExperiment(e.id());
        assertThatThrownBy(() -> tracker.experiment("e")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> tracker.startRun("e")).isInstanceOf(ConflictException.class);
        assertThat(tracker.restoreExperiment(e.id()).isActive()).isTrue();
        assertThat(tracker.listExperiments()).containsExactly(tracker.getExperiment(e.id()));
    }

    @Test
    void unknown_ids_are_not_found() {
        assertThatThrownBy(() -> tracker.getRun("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tracker.getExperiment("nope")).isInstanceOf(NotFoundException.class);
    }
}
