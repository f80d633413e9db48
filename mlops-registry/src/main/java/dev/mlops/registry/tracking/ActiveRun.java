package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.core.artifact.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run in progress: log params, metrics, tags and dataset inputs to it, then end it.
 *
 * <p>Started by {@link Tracker#startRun} or {@link Tracker.RunStarter#start()}. {@link #close()} ends
 * the run {@link RunStatus#FINISHED} unless it was ended already, so a try-with-resources block
 * finishes it on a normal exit. Java does not tell {@code close()} whether the block threw, so to mark
 * the run {@link RunStatus#FAILED} when the block throws use {@link Tracker#run} / {@link Tracker#call}
 * (which do exactly that), or call {@link #fail(Throwable)} in a {@code catch} inside the block:
 *
 * <pre>{@code
 * tracker.run("fraud-model", run -> {        // FAILED, and rethrown, if the body throws
 *     run.logParam("learning_rate", "0.05");
 *     run.logMetric("auc", 0.91, step);
 * });
 * try (ActiveRun run = tracker.startRun("fraud-model")) {   // FINISHED on close
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: several threads may log to one run (each call is one atomic store write); ending is
 * idempotent, the first end wins.
 */
public final class ActiveRun implements AutoCloseable {

    private final Tracker tracker;
    private final String id;
    private final String experimentId;
    private final AtomicBoolean ended = new AtomicBoolean();

    ActiveRun(Tracker tracker, Run run) {
        this.tracker = tracker;
        this.id = run.id();
        this.experimentId = run.experimentId();
    }

    /** The run id. */
    public String id() {
        return id;
    }

    /** The id of the run's experiment. */
    public String experimentId() {
        return experimentId;
    }

    /** A fresh snapshot of the run from the store. */
    public Run snapshot() {
        return tracker.getRun(id);
    }

    /** Logs a param; the same value again is a no-op, another value a {@link dev.mlops.core.ConflictException}. */
    public ActiveRun logParam(String key, String value) {
        store().logBatch(id, List.of(), List.of(new Param(key, value)), List.of());
        return this;
    }

    /** Logs params (at most {@value TrackingLimits#MAX_BATCH_PARAMS}) in one atomic batch. */
    public ActiveRun logParams(Map<String, String> params) {
        List<Param> ps = new ArrayList<>();
        Checks.stringMap("params", params).forEach((k, v) -> ps.add(new Param(k, v)));
        store().logBatch(id, List.of(), ps, List.of());
        return this;
    }

    /** Logs a metric at step 0, timestamped now. */
    public ActiveRun logMetric(String key, double value) {
        return logMetric(key, value, 0);
    }

    /** Logs a metric at a step, timestamped now. */
    public ActiveRun logMetric(String key, double value, long step) {
        return logMetric(new Metric(key, value, tracker.now(), step));
    }

    /** Logs one metric point. */
    public ActiveRun logMetric(Metric metric) {
        store().logBatch(id, List.of(Checks.notNull("metric", metric)), List.of(), List.of());
        return this;
    }

    /** Logs several metrics at one step, timestamped now, in one atomic batch. */
    public ActiveRun logMetrics(Map<String, Double> metrics, long step) {
        Instant now = tracker.now();
        List<Metric> ms = new ArrayList<>();
        Checks.notNull("metrics", metrics).forEach((k, v) -> ms.add(new Metric(k, Checks.notNull(k, v), now, step)));
        store().logBatch(id, ms, List.of(), List.of());
        return this;
    }

    /**
     * Logs metrics, params and tags in one atomic batch within MLflow's limits (1000 metrics, 100
     * params, 100 tags, 1000 entries in all); a larger batch is rejected whole.
     */
    public ActiveRun logBatch(List<Metric> metrics, List<Param> params, List<Tag> tags) {
        store().logBatch(id, metrics, params, tags);
        return this;
    }

    /** Sets (or replaces) a tag. */
    public ActiveRun setTag(String key, String value) {
        store().logBatch(id, List.of(), List.of(), List.of(new Tag(key, value)));
        return this;
    }

    /** Removes a tag. */
    public ActiveRun deleteTag(String key) {
        store().deleteTag(id, key);
        return this;
    }

    /** Records a dataset the run consumed. */
    public ActiveRun logInput(DatasetInput input) {
        store().logInputs(id, List.of(Checks.notNull("input", input)));
        return this;
    }

    /**
     * Stores {@code content} in the tracker's artifact store and records it under {@code path}. The
     * path is checked first, so a rejected path stores nothing.
     *
     * @throws dev.mlops.core.InvalidArgumentException for an unsafe path (see {@link RunArtifact})
     * @throws IllegalStateException when the tracker has no artifact store
     */
    public RunArtifact logArtifact(String path, byte[] content) {
        Checks.notNull("content", content);
        return logArtifact(path, new ByteArrayInputStream(content), ArtifactRef.OCTET_STREAM);
    }

    /** Like {@link #logArtifact(String, byte[])}, reading {@code content} to its end (not closing it). */
    public RunArtifact logArtifact(String path, InputStream content, String mediaType) {
        RunArtifact.requirePath(path);
        Checks.notNull("content", content);
        RunArtifact artifact = new RunArtifact(path, tracker.artifactStore().put(content, mediaType));
        store().logArtifact(id, artifact);
        return artifact;
    }

    /** Starts a nested run under this one, in the same experiment. */
    public ActiveRun startChild(String name) {
        Names.require("run name", name);
        return tracker.newRunIn(experimentId).name(name).parent(id).start();
    }

    /** Starts a nested run under this one, configured further by the returned starter. */
    public Tracker.RunStarter newChild() {
        return tracker.newRunIn(experimentId).parent(id);
    }

    /**
     * Ends the run with {@code status}, now. Only the first end counts; later calls (and
     * {@link #close()}) do nothing.
     *
     * @return whether this call ended the run
     */
    public boolean end(RunStatus status) {
        Checks.notNull("status", status);
        if (!status.isTerminal()) {
            throw new dev.mlops.core.InvalidArgumentException("status", status + " does not end a run");
        }
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        store().setRunStatus(id, status, Optional.of(tracker.now()));
        return true;
    }

    /**
     * Ends the run {@link RunStatus#FAILED} and records the cause under {@link SystemTags#FAILURE}.
     *
     * @return whether this call ended the run
     */
    public boolean fail(Throwable cause) {
        Checks.notNull("cause", cause);
        if (ended.get()) {
            return false;
        }
        String text = cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        store().logBatch(id, List.of(), List.of(), List.of(new Tag(SystemTags.FAILURE,
                SystemTags.truncate(text, TrackingLimits.MAX_TAG_VALUE_LENGTH))));
        return end(RunStatus.FAILED);
    }

    /** Whether the run was ended through this object. */
    public boolean isEnded() {
        return ended.get();
    }

    /** Ends the run {@link RunStatus#FINISHED} unless it was ended already. */
    @Override
    public void close() {
        end(RunStatus.FINISHED);
    }

    private TrackingStore store() {
        return tracker.store();
    }

    @Override
    public String toString() {
        return "ActiveRun[" + id + "]";
    }
}
