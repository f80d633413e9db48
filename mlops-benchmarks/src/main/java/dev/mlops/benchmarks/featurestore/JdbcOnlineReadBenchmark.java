package dev.mlops.benchmarks.featurestore;

import dev.mlops.core.ValueType;
import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineFeatures;
import dev.mlops.featurestore.OnlineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JDBC online read of 100 entities × 10 features from an embedded H2 (or SQLite) file holding 100,000
 * entities:
 * the {@link OnlineStore} SPI ({@code storeRead}, one {@code SELECT} whatever the number of keys) and
 * {@link FeatureStore#getOnlineFeatures} by service over it ({@code featureStore}). Each call reads the
 * next 100 keys of a shuffled sequence. {@code java -cp ... org.openjdk.jmh.Main JdbcOnlineRead -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class JdbcOnlineReadBenchmark {

    static final int ENTITIES = 100_000;
    static final int FEATURES = 10;
    static final int BATCH = 100;
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    /** The embedded database: an H2 file (the default) or a SQLite file. */
    @Param({"h2", "sqlite"})
    public String database;

    private Path dir;
    private Database db;
    private OnlineStore store;
    private FeatureStore featureStore;
    private FeatureView view;
    private FeatureService service;
    private List<List<EntityKey>> keyBatches;
    private List<List<Map<String, Object>>> requestBatches;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        FeatureView.Builder b = FeatureView.builder("customer_stats")
                .entity(Entity.of("customer", "customer_id", ValueType.INT64)).ttl(Duration.ofDays(1));
        for (int f = 0; f < FEATURES; f++) {
            b.feature("f" + f, ValueType.FLOAT64);
        }
        view = b.build();
        service = FeatureService.builder("model").features(view).build();
        dir = Files.createTempDirectory("jdbc-online-bench");
        db = database.equals("h2") ? Database.embedded(dir) : Database.sqlite(dir.resolve("online.db"));
        store = OnlineStore.jdbc(db);
        featureStore = FeatureStore.builder().onlineStore(store).clock(InstantSource.fixed(NOW)).build();
        featureStore.apply(view.entities().get(0), view, service);
        List<FeatureRow> rows = new ArrayList<>();
        for (long k = 0; k < ENTITIES; k++) {
            Object[] values = new Object[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                values[f] = k * 0.5 + f;
            }
            rows.add(FeatureRow.of(EntityKey.of(k), NOW.minusSeconds(k % 3600), NOW, values));
            if (rows.size() == 5_000) {
                store.write(view, rows);
                rows.clear();
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        keyBatches = new ArrayList<>();
        requestBatches = new ArrayList<>();
        for (int batch = 0; batch < 1_000; batch++) {
            List<EntityKey> keys = new ArrayList<>(BATCH);
            List<Map<String, Object>> requests = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                long k = random.nextInt(ENTITIES);
                keys.add(EntityKey.of(k));
                requests.add(Map.of("customer_id", k));
            }
            keyBatches.add(keys);
            requestBatches.add(requests);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        featureStore.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private int next(Cursor c) {
        int i = c.next;
        c.next = i + 1 == keyBatches.size() ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public List<java.util.Optional<FeatureRow>> storeRead(Cursor c) {
        return store.read(view, keyBatches.get(next(c)));
    }

    @Benchmark
    public OnlineFeatures featureStore(Cursor c) {
        return featureStore.getOnlineFeatures(service, requestBatches.get(next(c)));
    }
}
