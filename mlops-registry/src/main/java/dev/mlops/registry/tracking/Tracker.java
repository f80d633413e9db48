package dev.mlops.registry.tracking;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.registry.internal.Checks;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment-tracking facade: experiments, runs and search over a {@link TrackingStore}.
 *
 * <pre>{@code
 * Tracker tracker = Tracker.create(TrackingStore.inMemory(InstantSource.system()));
 * tracker.run("fraud-model", run -> {
 *     run.logParam("learning_rate", "0.05");
 *     run.logMetric("auc", 0.91, 1);
 * });
 * Page<Run> best = tracker.searchRuns(RunSearch.builder()
 *         .filter("metrics.auc > 0.9 and params.learning_rate = '0.05'")
 *         .orderBy("metrics.auc DESC").maxResults(10).build());
 * }</pre>
 *
 * <p>Every run started through a tracker carries its {@link SystemTags}. Thread-safe; holds no
 * resources of its own (the store's lifecycle is the host's).
 */
public final class Tracker {

    private final TrackingStore store;
    private final InstantSource clock;
    private final SystemTags systemTags;
    private final String user;
    private final ArtifactStore artifacts;

    private Tracker(Builder b) {
        this.artifacts = b.artifacts;
        this.store = b.store;
        this.clock = b.clock;
        this.systemTags = b.systemTags != null ? b.systemTags : SystemTags.detect(Path.of("").toAbsolutePath());
        this.user = b.user != null ? b.user : systemTags.user().orElse("");
    }

    /** A tracker on {@code store} with the system clock and detected {@link SystemTags}. */
    public static Tracker create(TrackingStore store) {
        return builder(store).build();
    }

    /** A tracker on {@code store} keeping run artifacts in {@code artifacts}. */
    public static Tracker create(TrackingStore store, ArtifactStore artifacts) {
        return builder(store).artifactStore(artifacts).build();
    }

    /** A builder for a tracker on {@code store}. */
    public static Builder builder(TrackingStore store) {
        return new Builder(store);
    }

    /** The store. */
    public TrackingStore store() {
        return store;
    }

    /**
     * The artifact store run artifacts go to.
     *
     * @throws IllegalStateException when the tracker was built without one
     */
    public ArtifactStore artifactStore() {
        if (artifacts == null) {
            throw new IllegalStateException("this tracker has no artifact store; pass one to Tracker.create or"
                    + " the builder");
        }
        return artifacts;
    }

    /** The user recorded on runs. */
    public String user() {
        return user;
    }

    /** The system tags put on every run. */
    public SystemTags systemTags() {
        return systemTags;
    }

    Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    // ---------------------------------------------------------------- experiments

    /**
     * Creates an experiment.
     *
     * @throws AlreadyExistsException when the name is taken
     */
    public Experiment createExperiment(String name) {
        return store.createExperiment(name, List.of());
    }

    /**
     * The active experiment with this name, created when there is none.
     *
     * @throws dev.mlops.core.ConflictException when an experiment of that name exists but is deleted
     */
    public Experiment experiment(String name) {
        Names.require("experiment name", name);
        Optional<Experiment> existing = store.getExperimentByName(name);
        if (existing.isPresent()) {
            return requireActive(existing.get());
        }
        try {
            return store.createExperiment(name, List.of());
        } catch (AlreadyExistsException raced) {
            return requireActive(store.getExperimentByName(name).orElseThrow(() -> raced));
        }
    }

    private static Experiment requireActive(Experiment e) {
        if (!e.isActive()) {
            throw new dev.mlops.core.ConflictException("experiment '" + e.name() + "' is deleted; restore or"
                    + " rename it first");
        }
        return e;
    }

    /** The experiment with this id. @throws NotFoundException when there is none */
    public Experiment getExperiment(String experimentId) {
        return store.getExperiment(experimentId)
                .orElseThrow(() -> new NotFoundException("experiment " + experimentId + " does not exist"));
    }

    /** The experiment with this name, if any. */
    public Optional<Experiment> findExperiment(String name) {
        return store.getExperimentByName(name);
    }

    /** The active experiments, in creation order. */
    public List<Experiment> listExperiments() {
        return store.listExperiments(ViewType.ACTIVE_ONLY);
    }

    /** The experiments in a view, in creation order. */
    public List<Experiment> listExperiments(ViewType view) {
        return store.listExperiments(view);
    }

    /** Renames an experiment. */
    public Experiment renameExperiment(String experimentId, String newName) {
        return store.renameExperiment(experimentId, newName);
    }

    /** Soft-deletes an experiment and its runs. */
    public Experiment deleteExperiment(String experimentId) {
        return store.deleteExperiment(experimentId);
    }

    /** Restores a deleted experiment and the runs deleted with it. */
    public Experiment restoreExperiment(String experimentId) {
        return store.restoreExperiment(experimentId);
    }

    /** Sets an experiment tag. */
    public Experiment setExperimentTag(String experimentId, String key, String value) {
        return store.setExperimentTag(experimentId, new Tag(key, value));
    }

    // ---------------------------------------------------------------- runs

    /** Starts a run in the named experiment (created when missing). */
    public ActiveRun startRun(String experimentName) {
        return newRun(experimentName).start();
    }

    /** A starter for a run in the named experiment (created when missing). */
    public RunStarter newRun(String experimentName) {
        return new RunStarter(experiment(experimentName).id());
    }

    /** A starter for a run in the experiment with this id. */
    public RunStarter newRunIn(String experimentId) {
        return new RunStarter(Checks.notNull("experimentId", experimentId));
    }

    /**
     * Runs {@code body} in a new run of the named experiment: {@link RunStatus#FINISHED} when it
     * returns, {@link RunStatus#FAILED} (and the exception rethrown) when it throws.
     */
    public <X extends Exception> void run(String experimentName, RunBody<X> body) throws X {
        newRun(experimentName).run(body);
    }

    /** Like {@link #run}, returning the body's result. */
    public <T, X extends Exception> T call(String experimentName, RunFunction<T, X> body) throws X {
        return newRun(experimentName).call(body);
    }

    /** The run with this id. @throws NotFoundException when there is none */
    public Run getRun(String runId) {
        return store.getRun(runId).orElseThrow(() -> new NotFoundException("run " + runId + " does not exist"));
    }

    /** Every point of a metric, ordered by step then timestamp. */
    public List<Metric> metricHistory(String runId, String key) {
        return store.getMetricHistory(runId, key);
    }

    /** The artifacts of a run, by path. */
    public List<RunArtifact> listArtifacts(String runId) {
        return store.listArtifacts(runId);
    }

    /**
     * Opens a run artifact for reading, by its digest; the stream verifies the bytes as they are read.
     *
     * @throws NotFoundException when the run has no artifact at {@code path}
     */
    public java.io.InputStream openArtifact(String runId, String path) {
        RunArtifact.requirePath(path);
        RunArtifact a = store.listArtifacts(runId).stream().filter(x -> x.path().equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no artifact '" + path + "'"));
        return artifactStore().open(a.ref());
    }

    /** Searches runs. */
    public Page<Run> searchRuns(RunSearch search) {
        return store.searchRuns(search);
    }

    /** Soft-deletes a run. */
    public Run deleteRun(String runId) {
        return store.deleteRun(runId);
    }

    /** Restores a deleted run. */
    public Run restoreRun(String runId) {
        return store.restoreRun(runId);
    }

    /**
     * Configures and starts one run. Not thread-safe; use once.
     */
    public final class RunStarter {
        private final String experimentId;
        private String name;
        private String parentRunId;
        private final List<Tag> tags = new ArrayList<>();
        private final List<DatasetInput> inputs = new ArrayList<>();
        private Long seed;

        private RunStarter(String experimentId) {
            this.experimentId = experimentId;
        }

        /** The run name. */
        public RunStarter name(String runName) {
            this.name = Names.require("run name", runName);
            return this;
        }

        /** Nests the run under a parent run. */
        public RunStarter parent(String parentId) {
            this.parentRunId = Checks.notNull("parentRunId", parentId);
            return this;
        }

        /** A tag set when the run starts. */
        public RunStarter tag(String key, String value) {
            tags.add(new Tag(key, value));
            return this;
        }

        /** Records the random seed under {@link SystemTags#SEED}. */
        public RunStarter seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        /** Records a dataset input when the run starts. */
        public RunStarter input(DatasetInput input) {
            inputs.add(Checks.notNull("input", input));
            return this;
        }

        /** Starts the run. */
        public ActiveRun start() {
            List<Tag> all = new ArrayList<>();
            for (Map.Entry<String, String> e : systemTags.tags().entrySet()) {
                all.add(new Tag(e.getKey(), e.getValue()));
            }
            if (!user.isEmpty() && !systemTags.tags().containsKey(SystemTags.USER)) {
                all.add(new Tag(SystemTags.USER, user));
            }
            if (name != null) {
                all.add(new Tag(SystemTags.RUN_NAME, name));
            }
            if (parentRunId != null) {
                all.add(new Tag(SystemTags.PARENT_RUN_ID, parentRunId));
            }
            if (seed != null) {
                all.add(new Tag(SystemTags.SEED, Long.toString(seed)));
            }
            all.addAll(tags);
            Run run = store.createRun(new NewRun(experimentId, Optional.ofNullable(name), now(),
                    Optional.ofNullable(parentRunId), user, RunStatus.RUNNING, all));
            ActiveRun active = new ActiveRun(Tracker.this, run);
            if (!inputs.isEmpty()) {
                try {
                    store.logInputs(run.id(), inputs);
                } catch (RuntimeException e) {
                    active.fail(e);
                    throw e;
                }
            }
            return active;
        }

        /** Starts the run and runs {@code body} in it; see {@link Tracker#run}. */
        public <X extends Exception> void run(RunBody<X> body) throws X {
            call(r -> {
                body.accept(r);
                return null;
            });
        }

        /** Starts the run and runs {@code body} in it; see {@link Tracker#call}. */
        public <T, X extends Exception> T call(RunFunction<T, X> body) throws X {
            Checks.notNull("body", body);
            ActiveRun run = start();
            T result;
            try {
                result = body.apply(run);
            } catch (Throwable t) {
                try {
                    run.fail(t);
                } catch (RuntimeException failing) {
                    t.addSuppressed(failing);
                }
                throw t;
            }
            run.close();
            return result;
        }
    }

    /** Builds a {@link Tracker}. Not thread-safe. */
    public static final class Builder {
        private final TrackingStore store;
        private InstantSource clock = InstantSource.system();
        private SystemTags systemTags;
        private String user;
        private ArtifactStore artifacts;

        private Builder(TrackingStore store) {
            this.store = Checks.notNull("store", store);
        }

        /** The clock for run start and end times and metric timestamps; the system clock by default. */
        public Builder clock(InstantSource c) {
            this.clock = Checks.notNull("clock", c);
            return this;
        }

        /** The system tags; {@link SystemTags#detect} of the working directory by default. */
        public Builder systemTags(SystemTags tags) {
            this.systemTags = Checks.notNull("systemTags", tags);
            return this;
        }

        /** The user recorded on runs; the system tags' user by default. */
        public Builder user(String userId) {
            this.user = Checks.text("user", userId, 250);
            return this;
        }

        /** Where run artifacts go. */
        public Builder artifactStore(ArtifactStore store) {
            this.artifacts = Checks.notNull("artifactStore", store);
            return this;
        }

        /** The tracker. */
        public Tracker build() {
            return new Tracker(this);
        }
    }
}
