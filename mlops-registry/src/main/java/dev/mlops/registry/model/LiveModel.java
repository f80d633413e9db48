package dev.mlops.registry.model;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.registry.internal.Checks;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model that follows an alias: when the alias moves, the new version is loaded in the background,
 * checked (status, signature, digest), and swapped in atomically; until then, and whenever a load
 * fails, the previous model keeps serving.
 *
 * <pre>{@code
 * try (LiveModel<Scorer> live = registry.follow("fraud", "champion", loader)) {
 *     double p = live.get().score(features);      // never blocks on a load
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * Built by {@link ModelRegistry#follow} or {@link ModelRegistry#liveModel}: the first version is
 * loaded before {@code build()} returns (unless {@link Builder#awaitInitialLoad} is off), then the
 * alias is polled every {@link Builder#pollInterval} through the {@link PollScheduler}, and
 * {@link #refresh()} checks at once. {@link #close()} stops polling, shuts down the threads the live
 * model created itself (never the host's), and {@linkplain ModelLoader#unload unloads} the current
 * model.
 *
 * <h2>Threads</h2>
 * Loads run on the {@link Builder#executor executor} (the host's, or one daemon thread owned by this
 * object), one at a time: a refresh while a load is in flight joins it. {@link #get()} is a volatile
 * read and never blocks. Listeners are called on the loading thread, after the swap. Thread-safe.
 *
 * @param <M> the model type
 */
public final class LiveModel<M> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    /**
     * A loaded model and the version it came from.
     *
     * @param version the registry's version
     * @param model what the loader built
     * @param <M> the model type
     */
    public record Loaded<M>(ModelVersion version, M model) {}

    /** What a refresh did. */
    public enum Outcome {
        /** The alias points at the version already served. */
        UNCHANGED,
        /** A new version was loaded and is now served. */
        SWAPPED,
        /** Loading the version the alias points at failed; the previous model keeps serving. */
        FAILED,
        /** The alias does not exist (any more); the previous model keeps serving. */
        ALIAS_MISSING
    }

    /**
     * The result of one refresh.
     *
     * @param outcome what happened
     * @param version the version the alias pointed at, when it pointed anywhere
     * @param error why it failed, for {@link Outcome#FAILED}
     */
    public record RefreshResult(Outcome outcome, Optional<Integer> version, Optional<Throwable> error) {}

    /** Notified of swaps and failures, on the loading thread. Both methods do nothing by default. */
    public interface Listener<M> {

        /** A new version is now served; {@code previous} is what was served before, if anything. */
        default void onSwap(Optional<Loaded<M>> previous, Loaded<M> current) {}

        /**
         * Loading failed or the alias is gone; the previous model (if any) keeps serving.
         *
         * @param version the version that failed to load, absent when the alias is missing
         * @param error the failure
         */
        default void onFailure(Optional<ModelVersion> version, Throwable error) {}
    }

    private final ModelRegistry registry;
    private final String name;
    private final String alias;
    private final ModelLoader<M> loader;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ScheduledExecutorService ownedScheduler;
    private final List<Listener<M>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Loaded<M>> current = new AtomicReference<>();
    private volatile AutoCloseable polling;
    private CompletableFuture<RefreshResult> inFlight;
    private volatile boolean closed;

    private LiveModel(Builder<M> b) {
        this.registry = b.registry;
        this.name = b.name;
        this.alias = b.alias;
        this.loader = b.loader;
        this.listeners.addAll(b.listeners);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newSingleThreadExecutor(daemon("mlops-live-model-" + name));
            this.executor = ownedExecutor;
        }
        this.ownedScheduler = b.scheduler == null
                ? Executors.newSingleThreadScheduledExecutor(daemon("mlops-live-model-poll-" + name)) : null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** A builder; {@link ModelRegistry#liveModel} is the usual way to get one. */
    public static <M> Builder<M> builder(ModelRegistry registry, String name, String alias, ModelLoader<M> loader) {
        return new Builder<>(registry, name, alias, loader);
    }

    /** The registered model followed. */
    public String modelName() {
        return name;
    }

    /** The alias followed. */
    public String alias() {
        return alias;
    }

    /**
     * The model being served.
     *
     * @throws IllegalStateException when no version has loaded yet, or after {@link #close()}
     */
    public M get() {
        return loaded().model();
    }

    /**
     * The model being served and its version.
     *
     * @throws IllegalStateException when no version has loaded yet, or after {@link #close()}
     */
    public Loaded<M> loaded() {
        if (closed) {
            throw new IllegalStateException("live model " + name + "@" + alias + " is closed");
        }
        Loaded<M> l = current.get();
        if (l == null) {
            throw new IllegalStateException("live model " + name + "@" + alias + " has not loaded a version yet");
        }
        return l;
    }

    /** The model being served and its version, if one has loaded. */
    public Optional<Loaded<M>> current() {
        return Optional.ofNullable(current.get());
    }

    /** Adds a listener. */
    public void addListener(Listener<M> listener) {
        listeners.add(Checks.notNull("listener", listener));
    }

    /** Removes a listener. */
    public void removeListener(Listener<M> listener) {
        listeners.remove(listener);
    }

    /**
     * Checks the alias now and, if it moved, loads the new version on the executor. Returns at once; the
     * future completes when the check (and load) is done. A refresh while one is in flight returns that
     * one's future.
     */
    public CompletableFuture<RefreshResult> refresh() {
        CompletableFuture<RefreshResult> f;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("live model is closed"));
            }
            if (inFlight != null && !inFlight.isDone()) {
                return inFlight;
            }
            f = new CompletableFuture<>();
            inFlight = f;
        }
        try {
            executor.execute(() -> {
                try {
                    f.complete(doRefresh());
                } catch (Throwable t) {
                    f.complete(new RefreshResult(Outcome.FAILED, Optional.empty(), Optional.of(t)));
                    if (t instanceof Error e) {
                        throw e;
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            f.complete(new RefreshResult(Outcome.FAILED, Optional.empty(), Optional.of(e)));
        }
        return f;
    }

    private RefreshResult doRefresh() {
        Optional<ModelVersion> target;
        try {
            target = registry.store().getVersionByAlias(name, alias);
        } catch (RuntimeException e) {
            fail(Optional.empty(), e);
            return new RefreshResult(Outcome.FAILED, Optional.empty(), Optional.of(e));
        }
        if (target.isEmpty()) {
            NotFoundException missing = new NotFoundException("model '" + name + "' has no alias '" + alias + "'");
            fail(Optional.empty(), missing);
            return new RefreshResult(Outcome.ALIAS_MISSING, Optional.empty(), Optional.of(missing));
        }
        ModelVersion v = target.get();
        Loaded<M> served = current.get();
        if (served != null && served.version().version() == v.version()) {
            return new RefreshResult(Outcome.UNCHANGED, Optional.of(v.version()), Optional.empty());
        }
        M model;
        try {
            model = load(v);
        } catch (Exception e) {
            fail(Optional.of(v), e);
            return new RefreshResult(Outcome.FAILED, Optional.of(v.version()), Optional.of(e));
        }
        Loaded<M> next = new Loaded<>(v, model);
        Loaded<M> previous;
        synchronized (this) {
            if (closed) {
                release(model);
                return new RefreshResult(Outcome.UNCHANGED, Optional.of(v.version()), Optional.empty());
            }
            previous = current.getAndSet(next);
        }
        LOG.info("live model {}@{} now serves version {}", name, alias, v.version());
        for (Listener<M> l : listeners) {
            try {
                l.onSwap(Optional.ofNullable(previous), next);
            } catch (RuntimeException e) {
                LOG.warn("a live model listener failed", e);
            }
        }
        if (previous != null) {
            release(previous.model());
        }
        return new RefreshResult(Outcome.SWAPPED, Optional.of(v.version()), Optional.empty());
    }

    private M load(ModelVersion v) throws Exception {
        if (v.status() != ModelVersionStatus.READY) {
            throw new InvalidArgumentException("status", "version " + v.version() + " of '" + name + "' is "
                    + v.status() + ", not READY");
        }
        Optional<ModelSignature> expected = loader.expectedSignature();
        if (expected.isPresent() && !expected.get().equals(v.signature())) {
            throw new InvalidArgumentException("signature", "version " + v.version() + " of '" + name
                    + "' has signature " + v.signature().toJson() + " but the loader expects "
                    + expected.get().toJson());
        }
        byte[] bytes = registry.readVerified(v);
        M model;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            model = loader.load(v, in);
        }
        if (model == null) {
            throw new IllegalStateException("the loader returned null for version " + v.version() + " of '"
                    + name + "'");
        }
        return model;
    }

    private void fail(Optional<ModelVersion> version, Throwable error) {
        LOG.warn("live model {}@{} keeps serving {}: {}", name, alias,
                current().map(l -> "version " + l.version().version()).orElse("nothing"), error.toString());
        for (Listener<M> l : listeners) {
            try {
                l.onFailure(version, error);
            } catch (RuntimeException e) {
                LOG.warn("a live model listener failed", e);
            }
        }
    }

    private void release(M model) {
        try {
            loader.unload(model);
        } catch (RuntimeException e) {
            LOG.warn("unloading a model of {} failed", name, e);
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops polling, shuts down the threads this object created, and unloads the current model.
     * A load in flight finishes on its thread and its model is unloaded at once. Idempotent.
     */
    @Override
    public void close() {
        Loaded<M> last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current.getAndSet(null);
        }
        if (polling != null) {
            try {
                polling.close();
            } catch (Exception e) {
                LOG.debug("stopping the poll schedule failed", e);
            }
        }
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        if (last != null) {
            release(last.model());
        }
    }

    @Override
    public String toString() {
        return "LiveModel[" + name + "@" + alias + current().map(l -> " v" + l.version().version()).orElse("") + "]";
    }

    /**
     * Configures a {@link LiveModel}. Not thread-safe; build once.
     *
     * @param <M> the model type
     */
    public static final class Builder<M> {
        private final ModelRegistry registry;
        private final String name;
        private final String alias;
        private final ModelLoader<M> loader;
        private final List<Listener<M>> listeners = new java.util.ArrayList<>();
        private Executor executor;
        private PollScheduler scheduler;
        private Duration pollInterval = Duration.ofSeconds(30);
        private boolean awaitInitialLoad = true;

        private Builder(ModelRegistry registry, String name, String alias, ModelLoader<M> loader) {
            this.registry = Checks.notNull("registry", registry);
            this.name = dev.mlops.core.Names.require("model name", name);
            this.alias = Aliases.require(alias);
            this.loader = Checks.notNull("loader", loader);
        }

        /** Where loads run; by default one daemon thread owned (and shut down) by the live model. */
        public Builder<M> executor(Executor e) {
            this.executor = Checks.notNull("executor", e);
            return this;
        }

        /** What runs the polling; by default one daemon thread owned (and shut down) by the live model. */
        public Builder<M> scheduler(PollScheduler s) {
            this.scheduler = Checks.notNull("scheduler", s);
            return this;
        }

        /** How often the alias is checked (default 30 s). */
        public Builder<M> pollInterval(Duration interval) {
            Checks.notNull("pollInterval", interval);
            if (interval.isNegative() || interval.isZero()) {
                throw new InvalidArgumentException("pollInterval", "must be positive, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** A listener that also sees the initial load. */
        public Builder<M> listener(Listener<M> l) {
            listeners.add(Checks.notNull("listener", l));
            return this;
        }

        /**
         * Whether {@link #build()} waits for the first version and fails when it cannot be loaded
         * (default true). When false, {@code build()} returns at once and {@link LiveModel#get()} throws
         * until the first load succeeds.
         */
        public Builder<M> awaitInitialLoad(boolean await) {
            this.awaitInitialLoad = await;
            return this;
        }

        /**
         * Starts the live model.
         *
         * @throws NotFoundException when awaiting the initial load and the alias does not exist
         * @throws dev.mlops.core.MlopsException or the loader's exception (wrapped in a
         *     {@link CompletionException} when checked) when awaiting and the first load fails
         */
        public LiveModel<M> build() {
            LiveModel<M> live = new LiveModel<>(this);
            PollScheduler s = scheduler != null ? scheduler : PollScheduler.of(live.ownedScheduler);
            try {
                CompletableFuture<RefreshResult> first = live.refresh();
                if (awaitInitialLoad) {
                    RefreshResult r = first.join();
                    if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ALIAS_MISSING) {
                        Throwable t = r.error().orElseThrow();
                        throw t instanceof RuntimeException re ? re : new CompletionException(t);
                    }
                }
                live.polling = s.schedule(live::refresh, pollInterval);
                return live;
            } catch (RuntimeException e) {
                live.close();
                throw e;
            }
        }
    }
}
