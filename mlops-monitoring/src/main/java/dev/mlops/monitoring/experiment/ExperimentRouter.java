package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.registry.model.LiveModel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits serving traffic between a champion and a challenger {@link LiveModel} for one experiment,
 * and records every decision in an {@link AssignmentLog} so that {@link ExperimentKpis} can compare
 * the arms on business KPIs.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li><b>Split</b> ({@link Builder#challengerPercent}): each key is hashed with the experiment's
 *       salt into one of 10 000 buckets ({@link #bucketOf}, SHA-256 based, stable across JVMs and
 *       runs); a key whose bucket is below the challenger's share in basis points goes to the
 *       challenger. The same key always gets the same arm for a given salt and share, and raising
 *       the share only moves keys from the champion to the challenger (never back).</li>
 *   <li><b>Shadow</b> ({@link Builder#shadow}): the champion answers every request; the challenger
 *       runs on the same input on the host's executor and its output goes only to the
 *       {@link Builder#shadowListener shadow listener}. At most {@code maxInFlight} shadow runs are
 *       pending or running; beyond that, or when the executor rejects the task, or when it would run
 *       the task on the caller's own thread, the shadow run is dropped and counted. A challenger that
 *       throws is counted and logged; the caller never sees it.</li>
 * </ul>
 *
 * <pre>{@code
 * ExperimentRouter<Scorer, Features, Double> router = ExperimentRouter.<Scorer, Features, Double>builder("fraud-v4")
 *     .champion(registry.follow("fraud", "champion", loader))
 *     .challenger(registry.follow("fraud", "challenger", loader))
 *     .invoke(Scorer::score)
 *     .challengerPercent(10.0)
 *     .assignmentLog(log)
 *     .clock(clock)
 *     .build();
 * double score = router.route(userId, features).output();
 * }</pre>
 *
 * <h2>Lifecycle and threads</h2>
 * The router owns nothing: it does not close the live models or the executor. {@link #route} is
 * thread-safe and, in shadow mode, never waits for the challenger. The champion (or, in split mode,
 * the routed model) runs on the caller's thread; its exceptions, and those of the assignment log,
 * reach the caller.
 *
 * @param <M> the model type both live models load
 * @param <I> the input type
 * @param <O> the output type
 */
public final class ExperimentRouter<M, I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRouter.class);

    /** The longest key accepted, in chars. */
    public static final int MAX_KEY_LENGTH = 1024;

    private final String experiment;
    private final String salt;
    private final Supplier<LiveModel.Loaded<M>> champion;
    private final Supplier<Optional<LiveModel.Loaded<M>>> challenger;
    private final BiFunction<? super M, ? super I, ? extends O> invoke;
    private final int challengerBasisPoints;
    private final boolean shadow;
    private final Executor shadowExecutor;
    private final Semaphore shadowSlots;
    private final Consumer<? super ShadowResult<I, O>> shadowListener;
    private final AssignmentLog log;
    private final InstantSource clock;

    private final AtomicLong championCount = new AtomicLong();
    private final AtomicLong challengerCount = new AtomicLong();
    private final AtomicLong shadowSubmitted = new AtomicLong();
    private final AtomicLong shadowCompleted = new AtomicLong();
    private final AtomicLong shadowFailed = new AtomicLong();
    private final AtomicLong shadowDropped = new AtomicLong();

    private ExperimentRouter(Builder<M, I, O> b) {
        this.experiment = b.experiment;
        this.salt = b.salt == null ? b.experiment : b.salt;
        LiveModel<M> champ = b.champion;
        LiveModel<M> chall = b.challenger;
        this.champion = champ::loaded;
        this.challenger = chall::current;
        this.invoke = b.invoke;
        this.challengerBasisPoints = b.basisPoints;
        this.shadow = b.shadowExecutor != null;
        this.shadowExecutor = b.shadowExecutor;
        this.shadowSlots = shadow ? new Semaphore(b.maxInFlight) : null;
        this.shadowListener = b.shadowListener;
        this.log = b.log;
        this.clock = b.clock;
    }

    /**
     * A builder for the experiment {@code experiment} (a name by {@link Names}' rule; it is also the
     * hash salt unless {@link Builder#salt} says otherwise).
     */
    public static <M, I, O> Builder<M, I, O> builder(String experiment) {
        return new Builder<>(Names.require("experiment", experiment));
    }

    /** The experiment's name. */
    public String experiment() {
        return experiment;
    }

    /** Whether the router runs in shadow mode. */
    public boolean isShadow() {
        return shadow;
    }

    /** The challenger's share of keys in percent (0 in shadow mode), with 0.01 % resolution. */
    public double challengerPercent() {
        return challengerBasisPoints / 100.0;
    }

    /** The bucket of {@code key}, in [0, 10 000): stable for this router's salt. */
    public int bucketOf(String key) {
        return StickyBuckets.bucket(salt, checkKey(key));
    }

    /**
     * The arm {@code key} is assigned to, without routing or recording anything: always
     * {@link Arm#CHAMPION} in shadow mode.
     */
    public Arm armOf(String key) {
        int bucket = bucketOf(key);
        return !shadow && bucket < challengerBasisPoints ? Arm.CHALLENGER : Arm.CHAMPION;
    }

    /**
     * Answers {@code input} for {@code key} with the model of the key's arm, and in shadow mode hands
     * the challenger run to the executor. The assignment is recorded before the model runs: a unit
     * exposed to an arm counts for that arm even when the model then throws.
     *
     * @throws InvalidArgumentException for a null, empty or overlong key, or a null input
     * @throws IllegalStateException when the serving live model has no loaded version or is closed
     */
    public Routed<O> route(String key, I input) {
        Arm arm = armOf(key);
        if (input == null) {
            throw new InvalidArgumentException("input", "is null (key " + key + ")");
        }
        LiveModel.Loaded<M> serving = arm == Arm.CHAMPION ? champion.get() : challenger.get()
                .orElseThrow(() -> new IllegalStateException("challenger of experiment " + experiment
                        + " has not loaded a version"));
        Instant now = clock.instant();
        Assignment assignment = new Assignment(experiment, key, arm, serving.version().name(),
                serving.version().version(), shadow, now);
        log.record(assignment);
        (arm == Arm.CHAMPION ? championCount : challengerCount).incrementAndGet();
        O output = invoke.apply(serving.model(), input);
        if (shadow) {
            submitShadow(key, input, output, now);
        }
        return new Routed<>(output, assignment);
    }

    private void submitShadow(String key, I input, O championOutput, Instant now) {
        if (!shadowSlots.tryAcquire()) {
            shadowDropped.incrementAndGet();
            return;
        }
        Thread caller = Thread.currentThread();
        Runnable task = () -> {
            try {
                if (Thread.currentThread() == caller) {
                    // A caller-runs executor would make the caller wait for the challenger.
                    shadowDropped.incrementAndGet();
                    return;
                }
                runShadow(key, input, championOutput, now);
            } finally {
                shadowSlots.release();
            }
        };
        try {
            shadowExecutor.execute(task);
            shadowSubmitted.incrementAndGet();
        } catch (RejectedExecutionException e) {
            shadowSlots.release();
            shadowDropped.incrementAndGet();
        }
    }

    private void runShadow(String key, I input, O championOutput, Instant now) {
        Optional<LiveModel.Loaded<M>> loaded = challenger.get();
        if (loaded.isEmpty()) {
            shadowDropped.incrementAndGet();
            return;
        }
        LiveModel.Loaded<M> c = loaded.get();
        try {
            O out = invoke.apply(c.model(), input);
            shadowListener.accept(new ShadowResult<>(experiment, key, input, championOutput, out,
                    c.version().name(), c.version().version(), now));
            shadowCompleted.incrementAndGet();
        } catch (Throwable e) {
            // Whatever the challenger throws is its own failure, counted here; only a VM in trouble
            // (out of memory, internal error) is passed on to the executor's thread.
            shadowFailed.incrementAndGet();
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            LOG.debug("shadow run of experiment {} failed for version {} of {}", experiment, c.version().version(),
                    c.version().name(), e);
        }
    }

    /** The counters so far. */
    public RouterStats stats() {
        return new RouterStats(championCount.get(), challengerCount.get(), shadowSubmitted.get(),
                shadowCompleted.get(), shadowFailed.get(), shadowDropped.get());
    }

    private static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidArgumentException("key", key == null ? "is null" : "is empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidArgumentException("key", "is " + key.length() + " chars long; at most "
                    + MAX_KEY_LENGTH + " allowed");
        }
        return key;
    }

    @Override
    public String toString() {
        return "ExperimentRouter[" + experiment + (shadow ? ", shadow" : ", challenger " + challengerPercent() + " %")
                + "]";
    }

    /**
     * Configures an {@link ExperimentRouter}. Champion, challenger, {@link #invoke}, an assignment
     * log, a clock and exactly one of {@link #challengerPercent} or {@link #shadow} are required;
     * setting an option twice is an error. Not thread-safe; use once.
     *
     * @param <M> the model type
     * @param <I> the input type
     * @param <O> the output type
     */
    public static final class Builder<M, I, O> {
        private final String experiment;
        private String salt;
        private LiveModel<M> champion;
        private LiveModel<M> challenger;
        private BiFunction<? super M, ? super I, ? extends O> invoke;
        private int basisPoints = -1;
        private Executor shadowExecutor;
        private int maxInFlight;
        private Consumer<? super ShadowResult<I, O>> shadowListener;
        private AssignmentLog log;
        private InstantSource clock;

        private Builder(String experiment) {
            this.experiment = experiment;
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new InvalidArgumentException(option, "is already set");
            }
        }

        private static <T> T notNull(String option, T value) {
            if (value == null) {
                throw new InvalidArgumentException(option, "is null");
            }
            return value;
        }

        /**
         * The hash salt (default: the experiment name). Change it to reshuffle keys for a new
         * experiment on the same models.
         */
        public Builder<M, I, O> salt(String s) {
            once(salt, "salt");
            if (notNull("salt", s).isEmpty()) {
                throw new InvalidArgumentException("salt", "is empty");
            }
            salt = s;
            return this;
        }

        /** The model that serves by default. */
        public Builder<M, I, O> champion(LiveModel<M> live) {
            once(champion, "champion");
            champion = notNull("champion", live);
            return this;
        }

        /** The model under test. */
        public Builder<M, I, O> challenger(LiveModel<M> live) {
            once(challenger, "challenger");
            challenger = notNull("challenger", live);
            return this;
        }

        /** How to run a model on an input. Called on the caller's thread, or on the shadow executor. */
        public Builder<M, I, O> invoke(BiFunction<? super M, ? super I, ? extends O> f) {
            once(invoke, "invoke");
            invoke = notNull("invoke", f);
            return this;
        }

        /**
         * Split mode: the share of keys the challenger answers, in percent, a multiple of 0.01 in
         * [0, 100].
         */
        public Builder<M, I, O> challengerPercent(double percent) {
            if (basisPoints >= 0) {
                throw new InvalidArgumentException("challengerPercent", "is already set");
            }
            if (shadowExecutor != null) {
                throw new InvalidArgumentException("challengerPercent", "cannot be combined with shadow mode");
            }
            if (!(percent >= 0 && percent <= 100)) {
                throw new InvalidArgumentException("challengerPercent", "must be in [0, 100], got " + percent);
            }
            double scaled = percent * 100;
            long bp = Math.round(scaled);
            if (Math.abs(scaled - bp) > 1e-6) {
                throw new InvalidArgumentException("challengerPercent", "must be a multiple of 0.01 %, got " + percent);
            }
            basisPoints = (int) bp;
            return this;
        }

        /**
         * Shadow mode: the champion answers everything; the challenger runs on {@code executor}
         * (which must run tasks on other threads), at most {@code maxInFlight} at a time.
         */
        public Builder<M, I, O> shadow(Executor executor, int maxInFlight) {
            once(shadowExecutor, "shadow");
            if (basisPoints >= 0) {
                throw new InvalidArgumentException("shadow", "cannot be combined with challengerPercent");
            }
            if (maxInFlight < 1) {
                throw new InvalidArgumentException("maxInFlight", "must be >= 1, got " + maxInFlight);
            }
            shadowExecutor = notNull("shadow executor", executor);
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** Receives each completed shadow run, on the shadow executor (default: discards). */
        public Builder<M, I, O> shadowListener(Consumer<? super ShadowResult<I, O>> listener) {
            once(shadowListener, "shadowListener");
            shadowListener = notNull("shadowListener", listener);
            return this;
        }

        /** Where assignments are recorded. */
        public Builder<M, I, O> assignmentLog(AssignmentLog l) {
            once(log, "assignmentLog");
            log = notNull("assignmentLog", l);
            return this;
        }

        /** The clock that stamps assignments. */
        public Builder<M, I, O> clock(InstantSource c) {
            once(clock, "clock");
            clock = notNull("clock", c);
            return this;
        }

        /**
         * The router.
         *
         * @throws InvalidArgumentException naming the first missing option
         */
        public ExperimentRouter<M, I, O> build() {
            notNull("champion", champion);
            notNull("challenger", challenger);
            notNull("invoke", invoke);
            notNull("assignmentLog", log);
            notNull("clock", clock);
            if (basisPoints < 0 && shadowExecutor == null) {
                throw new InvalidArgumentException("mode", "set challengerPercent (split) or shadow");
            }
            if (shadowListener == null) {
                shadowListener = r -> { };
            }
            return new ExperimentRouter<>(this);
        }
    }
}
