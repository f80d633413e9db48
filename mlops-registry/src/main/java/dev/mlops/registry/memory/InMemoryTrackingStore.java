package dev.mlops.registry.memory;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.Guard;
import dev.mlops.registry.internal.PageTokens;
import dev.mlops.registry.internal.RunMatcher;
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
import dev.mlops.registry.tracking.TrackingLimits;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.registry.tracking.ViewType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The reference {@link TrackingStore}: everything in memory, lost when the object is dropped.
 *
 * <p>For tests, notebooks-style experiments and as the semantics every other adapter is checked
 * against. Thread-safe: reads share a read lock, writes take the write lock, so each call is atomic.
 * Run snapshots are cached between writes, so searches do not copy unchanged runs.
 */
public final class InMemoryTrackingStore implements TrackingStore {

    private final InstantSource clock;
    private final Guard guard = new Guard();
    private final Map<String, ExperimentState> experiments = new LinkedHashMap<>();
    private final Map<String, String> experimentIdsByName = new HashMap<>();
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private long nextExperimentId = 1;

    /** A new, empty store taking creation and update times from {@code clock}. */
    public InMemoryTrackingStore(InstantSource clock) {
        this.clock = Checks.notNull("clock", clock);
    }

    // ---------------------------------------------------------------- experiments

    @Override
    public Experiment createExperiment(String name, List<Tag> tags) {
        Names.require("experiment name", name);
        List<Tag> checked = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, checked.size());
        return guard.write(() -> {
            if (experimentIdsByName.containsKey(name)) {
                throw new AlreadyExistsException("experiment '" + name + "' already exists");
            }
            Instant now = now();
            ExperimentState e = new ExperimentState(Long.toString(nextExperimentId++), name, now);
            checked.forEach(t -> e.tags.put(t.key(), t.value()));
            experiments.put(e.id, e);
            experimentIdsByName.put(name, e.id);
            return e.snapshot();
        });
    }

    @Override
    public Optional<Experiment> getExperiment(String experimentId) {
        return guard.read(() -> Optional.ofNullable(experiments.get(experimentId)).map(ExperimentState::snapshot));
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return guard.read(() -> Optional.ofNullable(experimentIdsByName.get(name)).map(experiments::get)
                .map(ExperimentState::snapshot));
    }

    @Override
    public List<Experiment> listExperiments(ViewType viewType) {
        Checks.notNull("viewType", viewType);
        return guard.read(() -> experiments.values().stream().filter(e -> viewType.includes(e.stage))
                .map(ExperimentState::snapshot).toList());
    }

    @Override
    public Experiment renameExperiment(String experimentId, String newName) {
        Names.require("experiment name", newName);
        return guard.write(() -> {
            ExperimentState e = experiment(experimentId);
            if (e.name.equals(newName)) {
                return e.snapshot();
            }
            if (experimentIdsByName.containsKey(newName)) {
                throw new AlreadyExistsException("experiment '" + newName + "' already exists");
            }
            experimentIdsByName.remove(e.name);
            experimentIdsByName.put(newName, e.id);
            e.name = newName;
            e.updated = now();
            return e.snapshot();
        });
    }

    @Override
    public Experiment deleteExperiment(String experimentId) {
        return guard.write(() -> {
            ExperimentState e = experiment(experimentId);
            if (e.stage == LifecycleStage.DELETED) {
                throw new ConflictException("experiment " + experimentId + " is already deleted");
            }
            e.stage = LifecycleStage.DELETED;
            e.updated = now();
            for (RunState r : runs.values()) {
                if (r.experimentId.equals(experimentId) && r.stage == LifecycleStage.ACTIVE) {
                    r.stage = LifecycleStage.DELETED;
                    r.deletedWithExperiment = true;
                    r.changed();
                }
            }
            return e.snapshot();
        });
    }

    @Override
    public Experiment restoreExperiment(String experimentId) {
        return guard.write(() -> {
            ExperimentState e = experiment(experimentId);
            if (e.stage == LifecycleStage.ACTIVE) {
                throw new ConflictException("experiment " + experimentId + " is not deleted");
            }
            e.stage = LifecycleStage.ACTIVE;
            e.updated = now();
            for (RunState r : runs.values()) {
                if (r.experimentId.equals(experimentId) && r.deletedWithExperiment) {
                    r.stage = LifecycleStage.ACTIVE;
                    r.deletedWithExperiment = false;
                    r.changed();
                }
            }
            return e.snapshot();
        });
    }

    @Override
    public Experiment setExperimentTag(String experimentId, Tag tag) {
        Checks.notNull("tag", tag);
        return guard.write(() -> {
            ExperimentState e = experiment(experimentId);
            e.tags.put(tag.key(), tag.value());
            e.updated = now();
            return e.snapshot();
        });
    }

    @Override
    public Experiment deleteExperimentTag(String experimentId, String key) {
        return guard.write(() -> {
            ExperimentState e = experiment(experimentId);
            if (e.tags.remove(key) == null) {
                throw new NotFoundException("experiment " + experimentId + " has no tag '" + key + "'");
            }
            e.updated = now();
            return e.snapshot();
        });
    }

    // ---------------------------------------------------------------- runs

    @Override
    public Run createRun(NewRun spec) {
        Checks.notNull("run", spec);
        return guard.write(() -> {
            ExperimentState e = experiment(spec.experimentId());
            if (e.stage != LifecycleStage.ACTIVE) {
                throw new ConflictException("experiment " + e.id + " is deleted; restore it to add runs");
            }
            spec.parentRunId().ifPresent(this::run);
            RunState r = new RunState(UUID.randomUUID().toString().replace("-", ""), spec);
            runs.put(r.id, r);
            return r.snapshot();
        });
    }

    @Override
    public Optional<Run> getRun(String runId) {
        return guard.read(() -> Optional.ofNullable(runs.get(runId)).map(RunState::snapshot));
    }

    @Override
    public Run setRunStatus(String runId, RunStatus status, Optional<Instant> endTime) {
        Checks.notNull("status", status);
        Optional<Instant> end = Checks.notNull("endTime", endTime).map(t -> Checks.timestamp("endTime", t));
        if (status.isTerminal() && end.isEmpty()) {
            throw new InvalidArgumentException("endTime", "is required to end a run with " + status);
        }
        return guard.write(() -> {
            RunState r = run(runId);
            if (!r.status.canMoveTo(status)) {
                throw new ConflictException("run " + runId + " is " + r.status + " and cannot become " + status);
            }
            if (r.status == status) {
                return r.snapshot();
            }
            r.status = status;
            if (status.isTerminal()) {
                r.end = end.orElseThrow();
            }
            r.changed();
            return r.snapshot();
        });
    }

    @Override
    public Run renameRun(String runId, String name) {
        Names.require("run name", name);
        return guard.write(() -> {
            RunState r = active(runId);
            r.name = name;
            r.changed();
            return r.snapshot();
        });
    }

    @Override
    public Run deleteRun(String runId) {
        return guard.write(() -> {
            RunState r = run(runId);
            if (r.stage == LifecycleStage.DELETED) {
                throw new ConflictException("run " + runId + " is already deleted");
            }
            r.stage = LifecycleStage.DELETED;
            r.changed();
            return r.snapshot();
        });
    }

    @Override
    public Run restoreRun(String runId) {
        return guard.write(() -> {
            RunState r = run(runId);
            if (r.stage == LifecycleStage.ACTIVE) {
                throw new ConflictException("run " + runId + " is not deleted");
            }
            if (experiments.get(r.experimentId).stage == LifecycleStage.DELETED) {
                throw new ConflictException("run " + runId + " belongs to deleted experiment " + r.experimentId
                        + "; restore the experiment");
            }
            r.stage = LifecycleStage.ACTIVE;
            r.deletedWithExperiment = false;
            r.changed();
            return r.snapshot();
        });
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        List<Metric> ms = Checks.list("metrics", metrics);
        List<Param> ps = Checks.list("params", params);
        List<Tag> ts = Checks.list("tags", tags);
        TrackingLimits.checkBatch(ms.size(), ps.size(), ts.size());
        Map<String, String> newParams = distinctParams(ps);
        guard.write(() -> {
            RunState r = active(runId);
            for (Map.Entry<String, String> p : newParams.entrySet()) {
                String old = r.params.get(p.getKey());
                if (old != null && !old.equals(p.getValue())) {
                    throw new ConflictException("param '" + p.getKey() + "' of run " + runId + " is '" + old
                            + "'; params are immutable and cannot become '" + p.getValue() + "'");
                }
            }
            r.params.putAll(newParams);
            for (Tag t : ts) {
                r.tags.put(t.key(), t.value());
            }
            for (Metric m : ms) {
                r.history.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
                Metric latest = r.latest.get(m.key());
                if (latest == null || m.compareRecency(latest) > 0) {
                    r.latest.put(m.key(), m);
                }
            }
            r.changed();
            return null;
        });
    }

    /** The params of a batch by key; one key with two different values is an error. */
    static Map<String, String> distinctParams(List<Param> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : params) {
            String prev = out.putIfAbsent(p.key(), p.value());
            if (prev != null && !prev.equals(p.value())) {
                throw new InvalidArgumentException("params", "param '" + p.key()
                        + "' appears twice in the batch with different values");
            }
        }
        return out;
    }

    @Override
    public void deleteTag(String runId, String key) {
        guard.write(() -> {
            RunState r = active(runId);
            if (r.tags.remove(key) == null) {
                throw new NotFoundException("run " + runId + " has no tag '" + key + "'");
            }
            r.changed();
            return null;
        });
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        List<DatasetInput> checked = Checks.list("inputs", inputs);
        guard.write(() -> {
            RunState r = active(runId);
            for (DatasetInput in : checked) {
                if (r.inputKeys.add(List.of(in.name(), in.digest(), in.context().orElse("")))) {
                    r.inputs.add(in);
                }
            }
            r.changed();
            return null;
        });
    }

    @Override
    public void logArtifact(String runId, RunArtifact artifact) {
        Checks.notNull("artifact", artifact);
        guard.write(() -> {
            RunState r = active(runId);
            RunArtifact existing = r.artifacts.get(artifact.path());
            if (existing != null && !existing.ref().digest().equals(artifact.ref().digest())) {
                throw new ConflictException("run " + runId + " already has artifact '" + artifact.path()
                        + "' with digest " + existing.ref().digest() + "; run artifacts are immutable");
            }
            if (existing == null) {
                r.artifacts.put(artifact.path(), artifact);
            }
            return null;
        });
    }

    @Override
    public List<RunArtifact> listArtifacts(String runId) {
        return guard.read(() -> List.copyOf(run(runId).artifacts.values()));
    }

    @Override
    public List<Metric> getMetricHistory(String runId, String key) {
        return guard.read(() -> {
            List<Metric> h = run(runId).history.getOrDefault(key, List.of());
            List<Metric> sorted = new ArrayList<>(h);
            sorted.sort(Comparator.comparingLong(Metric::step).thenComparing(Metric::timestamp));
            return List.copyOf(sorted);
        });
    }

    @Override
    public Page<Run> searchRuns(RunSearch search) {
        Checks.notNull("search", search);
        long offset = search.pageToken().map(t -> PageTokens.decode(t, search.queryKey())).orElse(0L);
        Set<String> ids = new HashSet<>(search.experimentIds());
        List<Run> matching = guard.read(() -> {
            List<Run> out = new ArrayList<>();
            for (RunState r : runs.values()) {
                if ((ids.isEmpty() || ids.contains(r.experimentId)) && search.viewType().includes(r.stage)) {
                    Run snapshot = r.snapshot();
                    if (RunMatcher.matches(search.filter(), snapshot)) {
                        out.add(snapshot);
                    }
                }
            }
            return out;
        });
        matching.sort(RunMatcher.ordering(search.orderBy()));
        int from = (int) Math.min(offset, matching.size());
        int to = (int) Math.min((long) from + search.maxResults(), matching.size());
        Optional<String> next = to < matching.size() ? Optional.of(PageTokens.encode(to, search.queryKey()))
                : Optional.empty();
        return new Page<>(matching.subList(from, to), next);
    }

    // ---------------------------------------------------------------- helpers

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private ExperimentState experiment(String id) {
        ExperimentState e = id == null ? null : experiments.get(id);
        if (e == null) {
            throw new NotFoundException("experiment " + id + " does not exist");
        }
        return e;
    }

    private RunState run(String id) {
        RunState r = id == null ? null : runs.get(id);
        if (r == null) {
            throw new NotFoundException("run " + id + " does not exist");
        }
        return r;
    }

    private RunState active(String id) {
        RunState r = run(id);
        if (r.stage != LifecycleStage.ACTIVE) {
            throw new ConflictException("run " + id + " is deleted; restore it before writing to it");
        }
        return r;
    }


    private static final class ExperimentState {
        final String id;
        String name;
        LifecycleStage stage = LifecycleStage.ACTIVE;
        final Map<String, String> tags = new java.util.TreeMap<>();
        final Instant created;
        Instant updated;

        ExperimentState(String id, String name, Instant now) {
            this.id = id;
            this.name = name;
            this.created = now;
            this.updated = now;
        }

        Experiment snapshot() {
            return new Experiment(id, name, stage, tags, created, updated);
        }
    }

    private static final class RunState {
        final String id;
        final String experimentId;
        String name;
        RunStatus status;
        final Instant start;
        Instant end;
        final String parent;
        final String user;
        LifecycleStage stage = LifecycleStage.ACTIVE;
        boolean deletedWithExperiment;
        final Map<String, String> params = new java.util.TreeMap<>();
        final Map<String, String> tags = new java.util.TreeMap<>();
        final Map<String, List<Metric>> history = new HashMap<>();
        final Map<String, Metric> latest = new HashMap<>();
        final List<DatasetInput> inputs = new ArrayList<>();
        final Set<List<String>> inputKeys = new HashSet<>();
        final Map<String, RunArtifact> artifacts = new java.util.TreeMap<>();
        /** The cached snapshot; null after a change. Guarded by the store's lock (written under the
         * write lock, or under the read lock by racing readers that compute equal values). */
        private volatile Run snapshot;

        RunState(String id, NewRun spec) {
            this.id = id;
            this.experimentId = spec.experimentId();
            this.name = spec.name().orElse(null);
            this.status = spec.status();
            this.start = spec.startTime();
            this.parent = spec.parentRunId().orElse(null);
            this.user = spec.userId();
            spec.tags().forEach(t -> tags.put(t.key(), t.value()));
        }

        void changed() {
            snapshot = null;
        }

        Run snapshot() {
            Run s = snapshot;
            if (s == null) {
                s = new Run(id, experimentId, Optional.ofNullable(name), status, start, Optional.ofNullable(end),
                        Optional.ofNullable(parent), user, stage, params, latest, tags, inputs);
                snapshot = s;
            }
            return s;
        }
    }
}
