package dev.mlops.benchmarks.featurestore;

import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineFeatures;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.PushMode;
import dev.mlops.featurestore.cache.CachedOnlineStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Online lookup of one entity × 10 features, against a raw {@link ConcurrentHashMap} returning the
 * same ten values, in one JMH run.
 *
 * <ul>
 *   <li>{@code rawConcurrentHashMap}: {@code map.get(key)} of a {@code Long → Object[10]} map;</li>
 *   <li>{@code onlineStoreRead}: the in-memory {@link OnlineStore} SPI, one key;</li>
 *   <li>{@code featureStoreInMemory}: {@link FeatureStore#getOnlineFeatures} by service over the
 *       in-memory store: request map in, values with statuses out (key validation, max-age check);</li>
 *   <li>{@code featureStoreCacheHit}: the same over a {@link CachedOnlineStore} whose entries are
 *       all cached.</li>
 * </ul>
 * {@link OnlineFeatures} reads values and statuses from the fetched rows on access, so the four above
 * measure the lookup; two more measure a caller that then reads everything:
 * <ul>
 *   <li>{@code rawConcurrentHashMapAllValues}: the raw map lookup, then each of the ten values;</li>
 *   <li>{@code featureStoreInMemoryAllValues}, {@code featureStoreCacheHitAllValues}: the lookup, then
 *       each of the ten values and its status (the max-age check among them).</li>
 * </ul>
 * 100,000 entities; each call looks up the next key of a shuffled sequence. Sample-time mode gives
 * the percentiles: {@code java -cp ... org.openjdk.jmh.Main OnlineLookup -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class OnlineLookupBenchmark {

    static final int ENTITIES = 100_000;
    static final int FEATURES = 10;
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    private FeatureStore inMemory;
    private FeatureStore cached;
    private OnlineStore store;
    private FeatureView view;
    private FeatureService service;
    private final Map<Long, Object[]> map = new ConcurrentHashMap<>();
    private long[] keys;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        FeatureView.Builder b = FeatureView.builder("customer_stats")
                .entity(Entity.of("customer", "customer_id", ValueType.INT64)).ttl(Duration.ofDays(1));
        for (int f = 0; f < FEATURES; f++) {
            b.feature("f" + f, ValueType.FLOAT64);
        }
        view = b.build();
        service = FeatureService.builder("model").features(view).build();
        InstantSource clock = InstantSource.fixed(NOW);
        store = OnlineStore.inMemory();
        inMemory = FeatureStore.builder().onlineStore(store).clock(clock).build();
        CachedOnlineStore cache = CachedOnlineStore.builder(OnlineStore.inMemory()).maximumSize(ENTITIES * 2L)
                .clock(clock).build();
        cached = FeatureStore.builder().onlineStore(cache).clock(clock).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long k = 0; k < ENTITIES; k++) {
            Map<String, Object> row = new HashMap<>();
            row.put("customer_id", k);
            row.put("event_timestamp", NOW.minusSeconds(k % 3600));
            Object[] values = new Object[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                values[f] = k * 0.5 + f;
                row.put("f" + f, values[f]);
            }
            rows.add(row);
            map.put(k, values);
        }
        for (FeatureStore fs : List.of(inMemory, cached)) {
            fs.apply(view.entities().get(0), view, service);
            fs.push("customer_stats", rows, PushMode.ONLINE);
        }
        List<Map<String, Object>> warm = new ArrayList<>();
        for (long k = 0; k < ENTITIES; k++) {
            warm.add(Map.of("customer_id", k));
        }
        cached.getOnlineFeatures(service, warm);
        keys = new long[ENTITIES];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < ENTITIES; i++) {
            keys[i] = random.nextInt(ENTITIES);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        inMemory.close();
        cached.close();
    }

    private long next(Cursor c) {
        long k = keys[c.next];
        c.next = c.next + 1 == keys.length ? 0 : c.next + 1;
        return k;
    }

    @Benchmark
    public Object[] rawConcurrentHashMap(Cursor c) {
        return map.get(next(c));
    }

    @Benchmark
    public List<Optional<FeatureRow>> onlineStoreRead(Cursor c) {
        return store.read(view, List.of(EntityKey.of(next(c))));
    }

    @Benchmark
    public OnlineFeatures featureStoreInMemory(Cursor c) {
        return inMemory.getOnlineFeatures(service, List.of(Map.of("customer_id", next(c))));
    }

    @Benchmark
    public OnlineFeatures featureStoreCacheHit(Cursor c) {
        return cached.getOnlineFeatures(service, List.of(Map.of("customer_id", next(c))));
    }

    @Benchmark
    public void rawConcurrentHashMapAllValues(Cursor c, Blackhole bh) {
        Object[] values = map.get(next(c));
        for (int f = 0; f < FEATURES; f++) {
            bh.consume(values[f]);
        }
    }

    @Benchmark
    public void featureStoreInMemoryAllValues(Cursor c, Blackhole bh) {
        readAll(inMemory.getOnlineFeatures(service, List.of(Map.of("customer_id", next(c)))), bh);
    }

    @Benchmark
    public void featureStoreCacheHitAllValues(Cursor c, Blackhole bh) {
        readAll(cached.getOnlineFeatures(service, List.of(Map.of("customer_id", next(c)))), bh);
    }

    private static void readAll(OnlineFeatures answer, Blackhole bh) {
        for (int f = 0; f < FEATURES; f++) {
            bh.consume(answer.value(0, f));
            bh.consume(answer.status(0, f));
        }
    }
}
