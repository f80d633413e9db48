package dev.mlops.benchmarks.monitoring;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.monitoring.experiment.AssignmentLog;
import dev.mlops.monitoring.experiment.ExperimentRouter;
import dev.mlops.registry.model.LiveModel;
import dev.mlops.registry.model.ModelLoader;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller-thread cost of {@code ExperimentRouter.route}: {@link #bucket} (the SHA-256 bucketing
 * alone), {@link #split} (bucket, model call, assignment into a discarding log) and {@link #shadow}
 * (champion call plus handing the challenger to a two-thread pool, bounded at 1 024 in flight; the
 * excess is dropped, so the caller's cost stays flat however slow the pool is).
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main ExperimentRouterBenchmark -f 1}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExperimentRouterBenchmark {

    private static final int KEYS = 4096;

    private final String[] keys = new String[KEYS];
    private int next;
    private LiveModel<String> champion;
    private LiveModel<String> challenger;
    private ExecutorService pool;
    private ExperimentRouter<String, Double, Integer> split;
    private ExperimentRouter<String, Double, Integer> shadow;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "user-" + (i * 7919L);
        }
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        ArtifactStore artifacts = ArtifactStore.inMemory();
        ModelRegistry registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts).actor("bench").build();
        ModelSignature signature = new ModelSignature(Schema.of(Field.required("x", ValueType.FLOAT64)),
                Schema.of(Field.required("y", ValueType.FLOAT64)));
        for (String text : new String[] {"champ", "chall"}) {
            registry.registerVersion("m", null, artifacts.put(text.getBytes(StandardCharsets.UTF_8), "text/plain"), signature);
        }
        registry.setAlias("m", "champion", 1);
        registry.setAlias("m", "challenger", 2);
        ModelLoader<String> loader = new ModelLoader<>() {
            @Override
            public String load(ModelVersion version, InputStream bytes) throws Exception {
                return new String(bytes.readAllBytes(), StandardCharsets.UTF_8);
            }
        };
        champion = registry.liveModel("m", "champion", loader).scheduler((task, interval) -> () -> { }).build();
        challenger = registry.liveModel("m", "challenger", loader).scheduler((task, interval) -> () -> { }).build();
        pool = Executors.newFixedThreadPool(2);
        AssignmentLog discard = a -> { };
        split = ExperimentRouter.<String, Double, Integer>builder("bench").champion(champion).challenger(challenger)
                .invoke((m, x) -> m.length() + x.intValue()).challengerPercent(10).assignmentLog(discard).clock(clock)
                .build();
        shadow = ExperimentRouter.<String, Double, Integer>builder("bench-shadow").champion(champion)
                .challenger(challenger).invoke((m, x) -> m.length() + x.intValue()).shadow(pool, 1024)
                .assignmentLog(discard).clock(clock).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        champion.close();
        challenger.close();
    }

    private String key() {
        next = (next + 1) & (KEYS - 1);
        return keys[next];
    }

    @Benchmark
    public int bucket() {
        return split.bucketOf(key());
    }

    @Benchmark
    public Object split() {
        return split.route(key(), 1.0);
    }

    @Benchmark
    public Object shadow() {
        return shadow.route(key(), 1.0);
    }
}
