package dev.mlops.registry.tracking;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.jdbc.JdbcTrackingStore;
import dev.mlops.registry.memory.InMemoryTrackingStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The storage SPI of experiment tracking: experiments, runs, params, metrics, tags and dataset inputs.
 *
 * <p>Hosts normally use the {@link Tracker} facade; this interface is what an adapter implements. The
 * library ships an in-memory adapter ({@link #inMemory}) and JDBC adapters; every adapter passes the
 * conformance suite {@code TrackingStoreContract} in {@code mlops-testkit}.
 *
 * <p>Contract, for every method:
 * <ul>
 *   <li>Thread-safe. Each call is atomic: a call that throws has changed nothing.</li>
 *   <li>Unknown ids are a {@link dev.mlops.core.NotFoundException} on mutation and an empty
 *       {@link Optional} on lookup.</li>
 *   <li>Values are validated by their types ({@link Metric}, {@link Param}, {@link Tag},
 *       {@link DatasetInput}); batch sizes by {@link TrackingLimits#checkBatch}.</li>
 *   <li>Writing to a deleted run or creating a run in a deleted experiment is a
 *       {@link dev.mlops.core.ConflictException}. Finished runs can still be written to, as in MLflow.</li>
 * </ul>
 */
public interface TrackingStore {

    /** A new, empty in-memory store that takes creation and update times from {@code clock}. */
    static TrackingStore inMemory(InstantSource clock) {
        return new InMemoryTrackingStore(clock);
    }

    /** A store in {@code database} (H2 or PostgreSQL) with the system clock; applies the migrations. */
    static TrackingStore jdbc(Database database) {
        return new JdbcTrackingStore(database, InstantSource.system());
    }

    /** A store in {@code database} (H2 or PostgreSQL); applies the migrations. */
    static TrackingStore jdbc(Database database, InstantSource clock) {
        return new JdbcTrackingStore(database, clock);
    }

    /**
     * Creates an active experiment.
     *
     * @throws dev.mlops.core.AlreadyExistsException when an experiment (even a deleted one) has the name
     */
    Experiment createExperiment(String name, List<Tag> tags);

    /** The experiment with this id, active or deleted. */
    Optional<Experiment> getExperiment(String experimentId);

    /** The experiment with this name, active or deleted. */
    Optional<Experiment> getExperimentByName(String name);

    /** The experiments in the view, in creation order. */
    List<Experiment> listExperiments(ViewType viewType);

    /**
     * Renames an experiment.
     *
     * @throws dev.mlops.core.AlreadyExistsException when another experiment has the new name
     */
    Experiment renameExperiment(String experimentId, String newName);

    /**
     * Soft-deletes an active experiment and, with it, its active runs.
     *
     * @throws dev.mlops.core.ConflictException when it is deleted already
     */
    Experiment deleteExperiment(String experimentId);

    /**
     * Restores a deleted experiment and the runs that were deleted with it; runs deleted on their own
     * before stay deleted.
     *
     * @throws dev.mlops.core.ConflictException when it is active
     */
    Experiment restoreExperiment(String experimentId);

    /** Sets (or replaces) an experiment tag. */
    Experiment setExperimentTag(String experimentId, Tag tag);

    /**
     * Removes an experiment tag.
     *
     * @throws dev.mlops.core.NotFoundException when the experiment has no such tag
     */
    Experiment deleteExperimentTag(String experimentId, String key);

    /**
     * Creates a run.
     *
     * @throws dev.mlops.core.NotFoundException when the experiment or the parent run does not exist
     * @throws dev.mlops.core.ConflictException when the experiment is deleted
     */
    Run createRun(NewRun run);

    /** The run with this id, active or deleted. */
    Optional<Run> getRun(String runId);

    /**
     * Moves a run to a new status (see {@link RunStatus#canMoveTo}). Ending a run records
     * {@code endTime}, which is required for a terminal status; setting the terminal status a run
     * already has is a no-op that keeps the first end time.
     *
     * @throws dev.mlops.core.ConflictException for a transition that is not allowed
     */
    Run setRunStatus(String runId, RunStatus status, Optional<Instant> endTime);

    /** Renames a run (a valid {@linkplain dev.mlops.core.Names name}). */
    Run renameRun(String runId, String name);

    /**
     * Soft-deletes a run.
     *
     * @throws dev.mlops.core.ConflictException when it is deleted already
     */
    Run deleteRun(String runId);

    /**
     * Restores a deleted run.
     *
     * @throws dev.mlops.core.ConflictException when it is active, or its experiment is deleted
     */
    Run restoreRun(String runId);

    /**
     * Logs metrics, params and tags atomically, within {@link TrackingLimits}. Metric points are
     * appended to the history (every point is kept) and update the latest value; a param that exists
     * with the same value is a no-op, with another value a {@link dev.mlops.core.ConflictException}
     * (and then nothing of the batch is written); a tag replaces the previous value, and when a batch
     * sets one tag twice the last value wins.
     *
     * @throws dev.mlops.core.InvalidArgumentException when the batch is too large or sets one param
     *     to two different values
     */
    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags);

    /**
     * Removes a run tag.
     *
     * @throws dev.mlops.core.NotFoundException when the run has no such tag
     */
    void deleteTag(String runId, String key);

    /**
     * Records dataset inputs; an input with the same name, digest and context as one already recorded is
     * a no-op.
     */
    void logInputs(String runId, List<DatasetInput> inputs);

    /**
     * Records a file the run produced. Logging the same path with the same digest again is a no-op;
     * with another digest it is a {@link dev.mlops.core.ConflictException} (a run's artifacts are
     * immutable, like its params).
     */
    void logArtifact(String runId, RunArtifact artifact);

    /**
     * The artifacts of a run, by path.
     *
     * @throws dev.mlops.core.NotFoundException when the run does not exist
     */
    List<RunArtifact> listArtifacts(String runId);

    /**
     * Every point logged for a metric, ordered by step, then timestamp, then logging order. Empty when
     * the run never logged the metric.
     *
     * @throws dev.mlops.core.NotFoundException when the run does not exist
     */
    List<Metric> getMetricHistory(String runId, String key);

    /**
     * Searches runs; see {@link RunFilter} for the filter semantics and {@link OrderBy} for ordering.
     *
     * @throws dev.mlops.core.InvalidArgumentException when the page token is malformed or belongs to
     *     another query
     */
    Page<Run> searchRuns(RunSearch search);
}
