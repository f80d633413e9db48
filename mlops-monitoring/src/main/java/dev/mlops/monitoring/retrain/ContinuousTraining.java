package dev.mlops.monitoring.retrain;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.monitoring.alert.Notification;
import dev.mlops.monitoring.alert.Notifier;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.tracking.ActiveRun;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.Tracker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains a model when something says it should, and promotes the result only if it passes a
 * {@link ValidationGate}: trigger → load data → train → register → gate → move the alias (or tag the
 * version with the reasons and leave it unpromoted).
 *
 * <pre>{@code
 * ContinuousTraining<TrainingSet> ct = ContinuousTraining.<TrainingSet>builder()
 *     .registry(registry).tracker(tracker)
 *     .model("fraud").alias("champion").experiment("fraud-retraining")
 *     .data(context -> TrainingData.of(featureStore.trainingSet(...), datasetInput))
 *     .trainer((data, context) -> trainAndEvaluate(data, context))
 *     .gate(gate)
 *     .clock(clock)
 *     .cooldown(Duration.ofHours(6))
 *     .schedule(Duration.ofDays(7))          // optional: retrain weekly
 *     .afterNewLabels(50_000)                // optional: retrain after this many new labels
 *     .build();
 * alertManagerBuilder.receiver(Receiver.of("retrain", ct.asNotifier()));   // optional: on an alert
 * scheduler.scheduleAtFixedRate(ct::tick, 1, 1, MINUTES);                  // drives schedule and label triggers
 * }</pre>
 *
 * <h2>Triggers</h2>
 * {@link #trigger(String)} asks for a retraining now (an alert does this through {@link #asNotifier()});
 * {@link #tick()} checks the schedule and the count of new labels fed through {@link #recordLabels(long)}.
 * A request while a retraining runs is answered {@code SKIPPED_RUNNING}: never two at once. A request
 * less than the cooldown after the last retraining started is answered {@code SKIPPED_COOLDOWN};
 * failures count too, so a broken pipeline is not retried in a tight loop.
 *
 * <h2>What is recorded</h2>
 * Each retraining is a tracking run in the configured experiment, tagged with its trigger, with the
 * dataset inputs and the candidate's metrics logged. The candidate is stored by digest and registered
 * as the next version with that run as its source, so the registry's lineage links dataset → run →
 * version. A passing candidate gets {@code mlops.validation=passed} and the alias is moved with a
 * compare-and-set against the champion the gate compared with (a concurrent move makes the retraining
 * fail rather than overwrite it); the registry's audit log records the move. A failing one gets
 * {@code mlops.validation=failed} and {@code mlops.validation.reasons}.
 *
 * <p>Retraining runs on the thread that triggers it. Thread-safe.
 *
 * @param <D> the host's training data type
 */
public final class ContinuousTraining<D> {

    /** Version tag saying whether the candidate passed the gate. */
    public static final String VALIDATION_TAG = "mlops.validation";
    /** Version tag with the gate's reasons, for a candidate that failed. */
    public static final String REASONS_TAG = "mlops.validation.reasons";
    /** Run tag naming what triggered the retraining. */
    public static final String TRIGGER_TAG = "mlops.retrain.trigger";

    private static final Logger LOG = LoggerFactory.getLogger(ContinuousTraining.class);
    private static final int MAX_TAG_VALUE = 5000;

    private final ModelRegistry registry;
    private final Tracker tracker;
    private final String model;
    private final String alias;
    private final String experiment;
    private final TrainingDataSource<D> data;
    private final Trainer<D> trainer;
    private final ValidationGate gate;
    private final InstantSource clock;
    private final Duration cooldown;
    private final Optional<Duration> schedule;
    private final long labelThreshold;
    private final List<Consumer<RetrainingResult>> listeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong newLabels = new AtomicLong();
    private volatile Instant lastStarted;
    private volatile Instant nextScheduled;

    private ContinuousTraining(Builder<D> b) {
        this.registry = b.registry;
        this.tracker = b.tracker;
        this.model = b.model;
        this.alias = b.alias;
        this.experiment = b.experiment;
        this.data = b.data;
        this.trainer = b.trainer;
        this.gate = b.gate;
        this.clock = b.clock;
        this.cooldown = b.cooldown;
        this.schedule = Optional.ofNullable(b.schedule);
        this.labelThreshold = b.labelThreshold;
        this.nextScheduled = schedule.map(every -> clock.instant().plus(every)).orElse(null);
    }

    /** A builder; registry, tracker, model, data, trainer, gate and clock are required. */
    public static <D> Builder<D> builder() {
        return new Builder<>();
    }

    /** Adds a listener told about every result, skipped ones included. Listeners must not throw. */
    public ContinuousTraining<D> onResult(Consumer<RetrainingResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Counts newly labelled predictions toward the {@link Builder#afterNewLabels} trigger. */
    public void recordLabels(long count) {
        if (count < 0) {
            throw new InvalidArgumentException("count", "must be >= 0, got " + count);
        }
        newLabels.addAndGet(count);
    }

    /** Labels counted since the last retraining started. */
    public long pendingLabels() {
        return newLabels.get();
    }

    /**
     * Runs the schedule and label triggers: retrains when the schedule is due or enough new labels
     * arrived.
     *
     * @return the result when a retraining was requested, else empty
     */
    public Optional<RetrainingResult> tick() {
        Instant now = clock.instant();
        Instant due = nextScheduled;
        if (due != null && !now.isBefore(due)) {
            nextScheduled = now.plus(schedule.orElseThrow());
            return Optional.of(trigger("schedule"));
        }
        if (labelThreshold > 0 && newLabels.get() >= labelThreshold) {
            return Optional.of(trigger("new labels: " + newLabels.get()));
        }
        return Optional.empty();
    }

    /**
     * Retrains now, unless one is running or the cooldown has not passed.
     *
     * @param reason why, recorded on the run (such as {@code alert: FeatureDrift})
     */
    public RetrainingResult trigger(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidArgumentException("reason", "is blank");
        }
        Instant now = clock.instant();
        if (!running.compareAndSet(false, true)) {
            return publish(RetrainingResult.skipped(RetrainingResult.Status.SKIPPED_RUNNING, reason, now));
        }
        try {
            Instant last = lastStarted;
            if (last != null && now.isBefore(last.plus(cooldown))) {
                return publish(RetrainingResult.skipped(RetrainingResult.Status.SKIPPED_COOLDOWN, reason, now));
            }
            lastStarted = now;
            newLabels.set(0);
            return publish(retrain(reason, now));
        } finally {
            running.set(false);
        }
    }

    /**
     * A notifier that triggers a retraining for every notification with firing alerts, for an
     * {@code AlertManager} route. The retraining runs on the manager's notification thread.
     */
    public Notifier asNotifier() {
        return new Notifier() {
            @Override
            public void send(Notification notification) {
                if (!notification.firing().isEmpty()) {
                    trigger("alert: " + notification.title());
                }
            }

            @Override
            public boolean sendResolvedByDefault() {
                return false;
            }
        };
    }

    private RetrainingResult retrain(String reason, Instant now) {
        Optional<ModelVersion> champion = registry.store().getVersionByAlias(model, alias);
        String runId = null;
        try (ActiveRun run = tracker.newRun(experiment).tag(TRIGGER_TAG, truncate(reason)).start()) {
            runId = run.id();
            try {
                RetrainingContext context = new RetrainingContext(reason, now, run, champion,
                        () -> registry.readVerified(champion.orElseThrow()));
                TrainingData<D> training = data.load(context);
                for (DatasetInput input : training.inputs()) {
                    run.logInput(input);
                }
                Candidate candidate = trainer.train(training.data(), context);
                run.logMetrics(candidate.metrics(), 0);
                ArtifactRef ref = registry.artifactStore().put(candidate.model(), candidate.mediaType());
                ModelVersion version = registry.registerVersion(model, run.id(), ref, candidate.signature());
                Optional<Map<String, Double>> baseline = champion.map(c -> championMetrics(c, candidate));
                GateResult decision = gate.evaluate(candidate.metrics(), baseline);
                if (decision.passed()) {
                    registry.setVersionTag(model, version.version(), VALIDATION_TAG, "passed");
                    registry.moveAlias(model, alias, champion.map(ModelVersion::version).orElse(0), version.version());
                    LOG.info("Retraining '{}' ({}) promoted {} v{} to '{}'", model, reason, model, version.version(), alias);
                    return result(RetrainingResult.Status.PROMOTED, reason, now, runId, version, decision, null);
                }
                registry.setVersionTag(model, version.version(), VALIDATION_TAG, "failed");
                registry.setVersionTag(model, version.version(), REASONS_TAG,
                        truncate(String.join("; ", decision.reasons())));
                LOG.info("Retraining '{}' ({}) registered {} v{} but the gate rejected it: {}", model, reason, model,
                        version.version(), decision.reasons());
                return result(RetrainingResult.Status.REJECTED, reason, now, runId, version, decision, null);
            } catch (Exception e) {
                run.fail(e);
                String why = e instanceof ConflictException
                        ? "the alias moved while retraining: " + e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("Retraining '{}' ({}) failed: {}", model, reason, why, e);
                return result(RetrainingResult.Status.FAILED, reason, now, runId, null, null, why);
            }
        } catch (RuntimeException e) {
            // Starting or ending the run itself failed (the tracking store is down).
            LOG.warn("Retraining '{}' ({}) could not be tracked: {}", model, reason, e.toString(), e);
            return result(RetrainingResult.Status.FAILED, reason, now, runId, null, null, e.toString());
        }
    }

    /** The champion's metrics: evaluated by the trainer on the same data, else those of its own run. */
    private Map<String, Double> championMetrics(ModelVersion champion, Candidate candidate) {
        if (!candidate.championMetrics().isEmpty()) {
            return candidate.championMetrics();
        }
        Map<String, Double> fromRun = new HashMap<>();
        champion.sourceRunId().map(tracker::getRun).map(Run::metrics)
                .ifPresent(metrics -> metrics.forEach((k, m) -> fromRun.put(k, m.value())));
        return fromRun;
    }

    private static RetrainingResult result(RetrainingResult.Status status, String reason, Instant at, String runId,
            ModelVersion version, GateResult gate, String error) {
        return new RetrainingResult(status, reason, at, Optional.ofNullable(runId), Optional.ofNullable(version),
                Optional.ofNullable(gate), Optional.ofNullable(error));
    }

    private RetrainingResult publish(RetrainingResult result) {
        for (Consumer<RetrainingResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                LOG.warn("A retraining listener failed: {}", e.toString(), e);
            }
        }
        return result;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_TAG_VALUE ? s : s.substring(0, MAX_TAG_VALUE - 3) + "...";
    }

    /** Configures a {@link ContinuousTraining}. Not thread-safe. */
    public static final class Builder<D> {
        private ModelRegistry registry;
        private Tracker tracker;
        private String model;
        private String alias = "champion";
        private String experiment;
        private TrainingDataSource<D> data;
        private Trainer<D> trainer;
        private ValidationGate gate;
        private InstantSource clock;
        private Duration cooldown = Duration.ZERO;
        private Duration schedule;
        private long labelThreshold;

        private Builder() {}

        /** Where candidates are registered and the alias lives. */
        public Builder<D> registry(ModelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Where each retraining is tracked as a run. */
        public Builder<D> tracker(Tracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /** The registered model to retrain. */
        public Builder<D> model(String name) {
            this.model = Names.require("model", name);
            return this;
        }

        /** The alias a passing candidate takes (default {@code champion}). */
        public Builder<D> alias(String name) {
            this.alias = Names.require("alias", name);
            return this;
        }

        /** The experiment the runs go to (default: {@code <model>-retraining}). */
        public Builder<D> experiment(String name) {
            this.experiment = Names.require("experiment", name);
            return this;
        }

        /** Where the training data comes from. */
        public Builder<D> data(TrainingDataSource<D> source) {
            this.data = Objects.requireNonNull(source, "data");
            return this;
        }

        /** What trains a candidate. */
        public Builder<D> trainer(Trainer<D> trainer) {
            this.trainer = Objects.requireNonNull(trainer, "trainer");
            return this;
        }

        /** What a candidate must pass to be promoted. */
        public Builder<D> gate(ValidationGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /** The time source for schedules and cooldowns. */
        public Builder<D> clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The least time between the starts of two retrainings (default none). */
        public Builder<D> cooldown(Duration cooldown) {
            if (cooldown == null || cooldown.isNegative()) {
                throw new InvalidArgumentException("cooldown", "must be zero or positive, got " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /** Retrain every {@code every}, counted from build time, as {@link #tick()} notices. */
        public Builder<D> schedule(Duration every) {
            if (every == null || every.isZero() || every.isNegative()) {
                throw new InvalidArgumentException("schedule", "must be positive, got " + every);
            }
            this.schedule = every;
            return this;
        }

        /** Retrain once this many new labels were {@linkplain #recordLabels recorded}. */
        public Builder<D> afterNewLabels(long count) {
            if (count < 1) {
                throw new InvalidArgumentException("afterNewLabels", "must be >= 1, got " + count);
            }
            this.labelThreshold = count;
            return this;
        }

        /**
         * The configured retraining loop.
         *
         * @throws InvalidArgumentException naming the first required setting that is missing
         */
        public ContinuousTraining<D> build() {
            List<String> missing = new ArrayList<>();
            if (registry == null) missing.add("registry");
            if (tracker == null) missing.add("tracker");
            if (model == null) missing.add("model");
            if (data == null) missing.add("data");
            if (trainer == null) missing.add("trainer");
            if (gate == null) missing.add("gate");
            if (clock == null) missing.add("clock");
            if (!missing.isEmpty()) {
                throw new InvalidArgumentException(missing.get(0), "is required; missing " + missing);
            }
            if (experiment == null) {
                experiment = model + "-retraining";
            }
            return new ContinuousTraining<>(this);
        }
    }
}
