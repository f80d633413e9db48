package dev.mlops.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.registry.tracking.TestClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveModelTest {

    private static final ModelSignature SIGNATURE = ModelRegistryTest.SIGNATURE;

    /** A scheduler the test runs by hand. */
    static final class ManualScheduler implements PollScheduler {
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();
        final List<Duration> intervals = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public AutoCloseable schedule(Runnable task, Duration interval) {
            tasks.add(task);
            intervals.add(interval);
            return () -> cancelled.set(true);
        }

        void tick() {
            assertThat(cancelled).isFalse();
            tasks.forEach(Runnable::run);
        }
    }

    /** Loads a model that is just its bytes as text; text starting with "bad" fails to load. */
    static final class TextLoader implements ModelLoader<String> {
        final AtomicInteger loads = new AtomicInteger();
        final List<String> unloaded = new CopyOnWriteArrayList<>();
        final Optional<ModelSignature> expected;
        volatile CountDownLatch gate;

        TextLoader(Optional<ModelSignature> expected) {
            this.expected = expected;
        }

        @Override
        public String load(ModelVersion version, InputStream bytes) throws Exception {
            loads.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                assertThat(g.await(30, TimeUnit.SECONDS)).isTrue();
            }
            String text = new String(bytes.readAllBytes(), StandardCharsets.UTF_8);
            if (text.startsWith("bad")) {
                throw new IllegalArgumentException("not a model: " + text);
            }
            return text;
        }

        @Override
        public Optional<ModelSignature> expectedSignature() {
            return expected;
        }

        @Override
        public void unload(String model) {
            unloaded.add(model);
        }
    }

    /** Records what listeners hear. */
    static final class Recorder implements LiveModel.Listener<String> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onSwap(Optional<LiveModel.Loaded<String>> previous, LiveModel.Loaded<String> current) {
            events.add("swap " + previous.map(p -> p.version().version() + "").orElse("-") + "->"
                    + current.version().version());
        }

        @Override
        public void onFailure(Optional<ModelVersion> version, Throwable error) {
            events.add("fail " + version.map(v -> v.version() + "").orElse("-") + " " + error.getClass().getSimpleName());
        }
    }

    private final TestClock clock = new TestClock(Instant.parse("2024-06-01T14:00:00Z"));
    private final ArtifactStore artifacts = ArtifactStore.inMemory();
    private final ModelRegistry registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts)
            .actor("test").build();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TextLoader loader = new TextLoader(Optional.of(SIGNATURE));
    private final Recorder recorder = new Recorder();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void twoVersions() {
        register("model-one", SIGNATURE);
        register("model-two", SIGNATURE);
        registry.setAlias("fraud", "champion", 1);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ModelVersion register(String content, ModelSignature signature) {
        ArtifactRef ref = artifacts.put(content.getBytes(StandardCharsets.UTF_8), ArtifactRef.OCTET_STREAM);
        return registry.registerVersion("fraud", null, ref, signature);
    }

    private LiveModel<String> follow() {
        LiveModel<String> live = registry.liveModel("fraud", "champion", loader).executor(Runnable::run)
                .scheduler(scheduler).pollInterval(Duration.ofSeconds(10)).listener(recorder).build();
        toClose.add(live);
        return live;
    }

    @Test
    void the_aliased_version_is_served_from_the_start() {
        LiveModel<String> live = follow();
        assertThat(live.get()).isEqualTo("model-one");
        assertThat(live.loaded().version().version()).isEqualTo(1);
        assertThat(recorder.events).containsExactly("swap -->1");
        assertThat(scheduler.intervals).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void moving_the_alias_swaps_the_model_on_the_next_poll_and_unloads_the_old_one() {
        LiveModel<String> live = follow();
        registry.setAlias("fraud", "champion", 2);
        assertThat(live.get()).isEqualTo("model-one");
        scheduler.tick();
        assertThat(live.get()).isEqualTo("model-two");
        assertThat(recorder.events).containsExactly("swap -->1", "swap 1->2");
        assertThat(loader.unloaded).containsExactly("model-one");
    }

    @Test
    void a_poll_without_a_move_loads_nothing() {
        LiveModel<String> live = follow();
        scheduler.tick();
        scheduler.tick();
        assertThat(loader.loads).hasValue(1);
        assertThat(live.refresh().join().outcome()).isEqualTo(LiveModel.Outcome.UNCHANGED);
    }

    @Test
    void a_failed_load_keeps_the_old_model_serving_and_is_reported() {
        LiveModel<String> live = follow();
        register("bad-bytes", SIGNATURE);
        registry.setAlias("fraud", "champion", 3);
        LiveModel.RefreshResult r = live.refresh().join();
        assertThat(r.outcome()).isEqualTo(LiveModel.Outcome.FAILED);
        assertThat(r.version()).contains(3);
        assertThat(r.error().orElseThrow()).hasMessageContaining("not a model");
        assertThat(live.get()).isEqualTo("model-one");
        assertThat(recorder.events).containsExactly("swap -->1", "fail 3 IllegalArgumentException");

        registry.setAlias("fraud", "champion", 2);
        scheduler.tick();
        assertThat(live.get()).isEqualTo("model-two");
    }

    @Test
    void a_version_with_another_signature_is_refused_before_its_bytes_are_read() {
        LiveModel<String> live = follow();
        ModelSignature other = new ModelSignature(Schema.of(Field.required("z", ValueType.INT64)),
                SIGNATURE.outputs());
        register("model-three", other);
        registry.setAlias("fraud", "champion", 3);
        LiveModel.RefreshResult r = live.refresh().join();
        assertThat(r.outcome()).isEqualTo(LiveModel.Outcome.FAILED);
        assertThat(r.error().orElseThrow()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("signature");
        assertThat(loader.loads).hasValue(1);
        assertThat(live.get()).isEqualTo("model-one");
    }

    @Test
    void bytes_that_do_not_match_the_digest_are_refused_even_from_a_lying_store() {
        ArtifactStore lying = new ArtifactStore() {
            @Override
            public ArtifactRef put(InputStream content, String mediaType) {
                return artifacts.put(content, mediaType);
            }

            @Override
            public InputStream open(ArtifactRef ref) {
                return new ByteArrayInputStream("evil".repeat(3).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean exists(ArtifactRef ref) {
                return artifacts.exists(ref);
            }

            @Override
            public boolean delete(ArtifactRef ref) {
                return artifacts.delete(ref);
            }
        };
        ModelRegistry overLyingStore = ModelRegistry.builder(registry.store(), lying).build();
        assertThatThrownBy(() -> overLyingStore.liveModel("fraud", "champion", loader).executor(Runnable::run)
                .scheduler(scheduler).build()).isInstanceOf(StorageException.class).hasMessageContaining("digest");
        assertThat(loader.loads).hasValue(0);
        assertThat(scheduler.tasks).isEmpty();
    }

    @Test
    void a_version_that_is_not_ready_is_not_loaded() {
        LiveModel<String> live = follow();
        ArtifactRef ref = artifacts.put("pending".getBytes(StandardCharsets.UTF_8), ArtifactRef.OCTET_STREAM);
        registry.registerVersion(new NewModelVersion("fraud", Optional.empty(), ref, SIGNATURE,
                ModelVersionStatus.PENDING_REGISTRATION, "", List.of()));
        registry.setAlias("fraud", "champion", 3);
        assertThat(live.refresh().join().outcome()).isEqualTo(LiveModel.Outcome.FAILED);
        registry.setVersionStatus("fraud", 3, ModelVersionStatus.READY);
        assertThat(live.refresh().join().outcome()).isEqualTo(LiveModel.Outcome.SWAPPED);
        assertThat(live.get()).isEqualTo("pending");
    }

    @Test
    void a_deleted_alias_keeps_the_last_model_serving() {
        LiveModel<String> live = follow();
        registry.deleteAlias("fraud", "champion");
        assertThat(live.refresh().join().outcome()).isEqualTo(LiveModel.Outcome.ALIAS_MISSING);
        assertThat(live.get()).isEqualTo("model-one");
        assertThat(recorder.events).endsWith("fail - NotFoundException");
    }

    @Test
    void following_a_missing_alias_fails_at_build_and_leaves_nothing_running() {
        assertThatThrownBy(() -> registry.liveModel("fraud", "challenger", loader).executor(Runnable::run)
                .scheduler(scheduler).build()).isInstanceOf(NotFoundException.class);
        assertThat(scheduler.tasks).isEmpty();
        LiveModel<String> lazy = registry.liveModel("fraud", "challenger", loader).executor(Runnable::run)
                .scheduler(scheduler).awaitInitialLoad(false).build();
        toClose.add(lazy);
        assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
        registry.setAlias("fraud", "challenger", 2);
        scheduler.tick();
        assertThat(lazy.get()).isEqualTo("model-two");
    }

    @Test
    void loading_happens_in_the_background_while_the_old_model_serves() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            LiveModel<String> live = registry.liveModel("fraud", "champion", loader).executor(pool)
                    .scheduler(scheduler).build();
            toClose.add(live);
            registry.setAlias("fraud", "champion", 2);
            loader.gate = new CountDownLatch(1);
            var first = live.refresh();
            var joined = live.refresh();
            assertThat(joined).isSameAs(first);
            assertThat(live.get()).isEqualTo("model-one");
            assertThat(first).isNotDone();
            loader.gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(LiveModel.Outcome.SWAPPED);
            assertThat(live.get()).isEqualTo("model-two");
            assertThat(loader.loads).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readers_on_other_threads_always_see_a_whole_model_during_swaps() throws Exception {
        LiveModel<String> live = follow();
        register("model-three", SIGNATURE);
        int readers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try {
            CountDownLatch started = new CountDownLatch(readers);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                done.add(pool.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        LiveModel.Loaded<String> l = live.loaded();
                        assertThat(l.model()).isEqualTo(List.of("model-one", "model-two", "model-three")
                                .get(l.version().version() - 1));
                        seen.add(l.model());
                    }
                    return null;
                }));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 300; i++) {
                registry.setAlias("fraud", "champion", 1 + (i + 1) % 3);
                assertThat(live.refresh().join().outcome()).isEqualTo(LiveModel.Outcome.SWAPPED);
            }
            stop.set(true);
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(seen).isNotEmpty().isSubsetOf("model-one", "model-two", "model-three");
        assertThat(loader.unloaded).hasSize(300);
    }

    @Test
    void closing_stops_polling_and_unloads_the_model() {
        LiveModel<String> live = follow();
        live.close();
        live.close();
        assertThat(scheduler.cancelled).isTrue();
        assertThat(loader.unloaded).containsExactly("model-one");
        assertThat(live.isClosed()).isTrue();
        assertThatThrownBy(live::get).isInstanceOf(IllegalStateException.class);
        assertThat(live.refresh()).isCompletedExceptionally();
    }

    @Test
    void with_its_own_threads_the_live_model_stops_them_on_close() throws Exception {
        LiveModel<String> live = registry.follow("fraud", "champion", loader);
        assertThat(live.get()).isEqualTo("model-one");
        registry.setAlias("fraud", "champion", 2);
        assertThat(live.refresh().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(LiveModel.Outcome.SWAPPED);
        live.close();
        assertThat(live.refresh()).isCompletedExceptionally();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("mlops-live-model-poll-fraud")) {
                t.join(30_000);
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
        }
    }
}
